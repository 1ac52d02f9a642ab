/** Behaviour switches that tests and the admin endpoint may change while the emulator runs. */
import { EnvelopeKind } from './envelope';

export interface Settings {
  /** Token-API response shape; `code` is what official clients parse, `response` what the docs show. */
  envelope: EnvelopeKind;
  /** Lifetime of issued presigned URLs (the real service uses 3600). */
  urlValiditySeconds: number;
  /** How long an online device takes to receive a resource. */
  deliveryDelayMs: number;
  /** HTTP status of token-API error answers; the real service uses 200. */
  apiErrorStatus: number;
  /** What the bucket does with a PUT whose size differs from the FileSize its URL was issued for. */
  fileSizeMismatch: 'reject' | 'accept';
  /** How `AppDescribeDeviceResource` says "not there yet": `Resource: {}` or no `Resource` at all. */
  pendingResource: 'empty' | 'absent';
  /**
   * Like a phone that lost its network: while true, every token-API and bucket request is dropped
   * (the connection closes with no answer). Admin routes and the playground's pages still answer.
   */
  offline: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  envelope: 'code',
  urlValiditySeconds: 3600,
  deliveryDelayMs: 300,
  apiErrorStatus: 200,
  fileSizeMismatch: 'reject',
  pendingResource: 'empty',
  offline: false,
};

type Check = (v: unknown) => boolean;

const isInt =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);

const CHECKS: Record<keyof Settings, [Check, string]> = {
  envelope: [oneOf('code', 'response'), "'code' or 'response'"],
  urlValiditySeconds: [isInt(1, 7 * 24 * 3600), 'an integer from 1 to 604800'],
  deliveryDelayMs: [isInt(0, 3_600_000), 'an integer from 0 to 3600000'],
  apiErrorStatus: [isInt(200, 599), 'an integer from 200 to 599'],
  fileSizeMismatch: [oneOf('reject', 'accept'), "'reject' or 'accept'"],
  pendingResource: [oneOf('empty', 'absent'), "'empty' or 'absent'"],
  offline: [(v) => typeof v === 'boolean', 'true or false'],
};

function isSettingName(name: string): name is keyof Settings {
  return Object.prototype.hasOwnProperty.call(CHECKS, name);
}

/** Validates every given field first, then applies them; throws TypeError naming the bad one. */
export function applySettings(target: Settings, changes: object): Settings {
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (!isSettingName(name)) throw new TypeError(`unknown setting ${name}`);
    const [check, expected] = CHECKS[name];
    if (!check(value)) throw new TypeError(`${name} must be ${expected}`);
  }
  Object.assign(target, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
  return { ...target };
}
