import type { AbortScope } from '../abort';
import { uploadAborted, UploadError } from '../errors/upload-error';
import type { RetryScope } from '../errors/retry-policy';
import { requestSlots } from '../limits/request-slots';
import type { Platform, PlatformRequest, PlatformRequestTask, PlatformResponse } from '../platform';
import { clampTimer } from '../time';
import type { Secrets } from './redact';
import { transportError } from './transport-failure';

/** Everything one upload's steps share. Built once by `uploadResource`, passed down, never global. */
export interface UploadContext extends RetryScope {
  platform: Platform;
  scope: AbortScope;
  secrets: Secrets;
  timeoutMs: number;
}

export function throwIfAborted(ctx: Pick<UploadContext, 'scope'>): void {
  if (ctx.scope.aborted) throw uploadAborted();
}

/**
 * A platform whose requests may be held back while the app is hidden or offline (the queue's
 * life-cycle gate). It takes a request slot itself for each request it actually sends, only while
 * that request is out: a request that waits holds no slot (SPEC 0.3 "Waiting holds nothing").
 */
export interface HeldPlatform extends Platform {
  readonly takesRequestSlots: true;
  /** Resolves once requests may go (at once when they may); holds nothing while it waits. */
  whenRequestsMayGo(scope: AbortScope, round: number): Promise<void>;
  /** Calls `fn` each time requests become held back; returns the unsubscribe. */
  onHeld(fn: () => void): () => void;
}

export function heldPlatform(platform: Platform): HeldPlatform | null {
  return (platform as Partial<HeldPlatform>).takesRequestSlots === true ? (platform as HeldPlatform) : null;
}

/**
 * One HTTP exchange through the platform, stopped by the upload's abort.
 * Resolves with any HTTP status; a missing answer becomes NetworkError, Timeout or Aborted.
 */
export async function send(ctx: UploadContext, req: PlatformRequest): Promise<PlatformResponse> {
  throwIfAborted(ctx);
  // Wait for one of the app-wide request slots (WeChat's 10-request limit), then hold it until settled;
  // a held platform takes its slot itself, only once its request may really go.
  const release = heldPlatform(ctx.platform) ? () => undefined : await requestSlots.acquire(ctx.scope, uploadAborted);
  try {
    return await sendInSlot(ctx, req);
  } finally {
    release();
  }
}

async function sendInSlot(ctx: UploadContext, req: PlatformRequest): Promise<PlatformResponse> {
  let task: PlatformRequestTask;
  try {
    task = ctx.platform.request({ ...req, timeoutMs: clampTimer(req.timeoutMs) });
  } catch (err) {
    // A platform that throws instead of failing its task still ends in a code, never a raw Error.
    throw transportError(req, err);
  }
  const stop = ctx.scope.onAbort(() => task.abort());
  try {
    const response = await task.response;
    // A platform may still deliver an answer that raced the abort: the caller asked to stop.
    throwIfAborted(ctx);
    return response;
  } catch (err) {
    if (err instanceof UploadError) throw err;
    throwIfAborted(ctx);
    throw transportError(req, err);
  } finally {
    stop();
  }
}
