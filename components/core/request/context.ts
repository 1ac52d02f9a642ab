import type { AbortScope } from '../abort';
import { UploadError } from '../errors/upload-error';
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
  if (ctx.scope.aborted) throw UploadError.of('Aborted');
}

/**
 * One HTTP exchange through the platform, stopped by the upload's abort.
 * Resolves with any HTTP status; a missing answer becomes NetworkError, Timeout or Aborted.
 */
export async function send(ctx: UploadContext, req: PlatformRequest): Promise<PlatformResponse> {
  throwIfAborted(ctx);
  // Wait for one of the app-wide request slots (WeChat's 10-request limit), then hold it until settled.
  const release = await requestSlots.acquire(ctx.scope, () => UploadError.of('Aborted'));
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
    if (ctx.scope.aborted) throw UploadError.of('Aborted');
    throw transportError(req, err);
  } finally {
    stop();
  }
}
