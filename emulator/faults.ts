/**
 * Fault injection: a queue per target; each call of the target consumes one unit of the fault at
 * the head of its queue, so "the next N calls" means exactly that, in injection order.
 */

export const TOKEN_ACTIONS = [
  'AppGetResourceUploadURL',
  'AppCreateProductResource',
  'AppControlDeviceResource',
  'AppDescribeDeviceResource',
  'AppGetResourceDownloadUrl',
] as const;

export type TokenAction = (typeof TOKEN_ACTIONS)[number];
export type FaultTarget = TokenAction | 'bucket';

export const FAULT_KINDS = [
  'http5xx',
  'drop',
  'delay',
  'malformedJson',
  'invalidToken',
  'expiredUrl',
  'apiError',
  'slowPut',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  target: FaultTarget;
  kind: FaultKind;
  /** How many calls it affects; default 1. */
  count?: number;
  /** `http5xx`: the status (default 503). `apiError`: the status (default 200 token API, 400 bucket). */
  status?: number;
  /** `delay`: how long to hold the request before handling it (default 1000). */
  delayMs?: number;
  /** `apiError`: the error code to answer with, e.g. `RequestLimitExceeded`. */
  code?: string;
  /** `apiError`: the message (default: a generic one). */
  message?: string;
  /**
   * `slowPut` (bucket only): the rate, in bytes per second, at which the PUT body is read (default
   * 131072, a 1 Mbit/s uplink), so a test can put a PUT on either side of a timeout.
   */
  bytesPerSecond?: number;
}

/** A fault as it applies to one call. */
export interface ActiveFault {
  target: FaultTarget;
  kind: FaultKind;
  status: number;
  delayMs: number;
  code: string;
  message: string;
  bytesPerSecond: number;
}

export interface PendingFault extends ActiveFault {
  remaining: number;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

export function isTokenAction(s: unknown): s is TokenAction {
  return typeof s === 'string' && (TOKEN_ACTIONS as readonly string[]).includes(s);
}

const URL_ISSUERS: readonly FaultTarget[] = ['AppGetResourceUploadURL', 'AppGetResourceDownloadUrl', 'bucket'];

/** Which kinds make sense where: the bucket speaks XML and holds no token; only URL issuers can expire. */
function checkCompatible(target: FaultTarget, kind: FaultKind): void {
  if (kind === 'slowPut' && target !== 'bucket') {
    throw new FaultSpecError('fault kind slowPut applies to the bucket only');
  }
  if (target === 'bucket' && (kind === 'malformedJson' || kind === 'invalidToken')) {
    throw new FaultSpecError(`fault kind ${kind} does not apply to the bucket`);
  }
  if (kind === 'expiredUrl' && !URL_ISSUERS.includes(target)) {
    throw new FaultSpecError(`fault kind expiredUrl applies to ${URL_ISSUERS.join(', ')} only`);
  }
}

function intIn(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultSpecError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Validates a spec that may come from JSON; throws FaultSpecError with a readable reason. */
export function normalizeFault(input: unknown): PendingFault {
  if (typeof input !== 'object' || input === null) throw new FaultSpecError('a fault must be an object');
  const spec = input as Record<string, unknown>;
  const target = spec.target;
  const kind = spec.kind;
  if (target !== 'bucket' && !isTokenAction(target)) {
    throw new FaultSpecError(`target must be one of ${[...TOKEN_ACTIONS, 'bucket'].join(', ')}`);
  }
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new FaultSpecError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const faultKind = kind as FaultKind;
  checkCompatible(target, faultKind);
  if (faultKind === 'apiError' && (typeof spec.code !== 'string' || spec.code === '')) {
    throw new FaultSpecError('an apiError fault needs a code');
  }
  if (spec.message !== undefined && typeof spec.message !== 'string') {
    throw new FaultSpecError('message must be a string');
  }
  const defaultStatus = faultKind === 'http5xx' ? 503 : target === 'bucket' ? 400 : 200;
  const [minStatus, maxStatus] = faultKind === 'http5xx' ? [500, 599] : [200, 599];
  return {
    target,
    kind: faultKind,
    remaining: intIn(spec.count, 'count', 1, 1_000_000, 1),
    status: intIn(spec.status, 'status', minStatus, maxStatus, defaultStatus),
    delayMs: intIn(spec.delayMs, 'delayMs', 0, 600_000, 1000),
    code: faultKind === 'apiError' ? (spec.code as string) : 'InternalError',
    message: (spec.message as string | undefined) ?? 'Injected fault.',
    bytesPerSecond: intIn(spec.bytesPerSecond, 'bytesPerSecond', 1, 1_000_000_000, 131_072),
  };
}

export class FaultPlan {
  private readonly queue: PendingFault[] = [];

  inject(spec: FaultSpec | unknown): PendingFault {
    const fault = normalizeFault(spec);
    this.queue.push(fault);
    return { ...fault };
  }

  /** All or nothing: one bad spec leaves the plan as it was. */
  injectAll(specs: readonly unknown[]): PendingFault[] {
    const faults = specs.map(normalizeFault);
    this.queue.push(...faults);
    return faults.map((f) => ({ ...f }));
  }

  /** Consumes one unit of the next fault for `target`, if any. */
  take(target: FaultTarget): ActiveFault | undefined {
    const i = this.queue.findIndex((f) => f.target === target);
    if (i < 0) return undefined;
    const fault = this.queue[i];
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue.splice(i, 1);
    return {
      target: fault.target,
      kind: fault.kind,
      status: fault.status,
      delayMs: fault.delayMs,
      code: fault.code,
      message: fault.message,
      bytesPerSecond: fault.bytesPerSecond,
    };
  }

  pending(): PendingFault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): void {
    this.queue.length = 0;
  }
}
