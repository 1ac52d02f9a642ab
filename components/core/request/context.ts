import { AbortScope } from '../abort';
import { UploadError } from '../errors/upload-error';
import type { Locale } from '../i18n/messages';
import type { Platform, PlatformRequest, PlatformRequestTask, PlatformResponse } from '../platform';
import { clampTimer } from '../time';
import { transportError } from './transport-failure';
import { Secrets } from './redact';
import { requestSlots } from '../limits/request-slots';

/** Everything one upload's steps share. Built once by `uploadResource`, passed down, never global. */
export interface UploadContext {
  platform: Platform;
  locale: Locale;
  scope: AbortScope;
  secrets: Secrets;
  /** Transient-fault retries per call. */
  retries: number;
  /** First retry delay; each further one doubles. */
  retryDelayMs: number;
  timeoutMs: number;
}

export function abortedError(ctx: UploadContext): UploadError {
  return UploadError.of('Aborted', ctx.locale);
}

export function throwIfAborted(ctx: UploadContext): void {
  if (ctx.scope.aborted) throw abortedError(ctx);
}

/**
 * One HTTP exchange through the platform, stopped by the upload's abort.
 * Resolves with any HTTP status; a missing answer becomes NetworkError, Timeout or Aborted.
 */
export async function send(ctx: UploadContext, req: PlatformRequest): Promise<PlatformResponse> {
  throwIfAborted(ctx);
  // Wait for one of the app-wide request slots (WeChat's 10-request limit), then hold it until settled.
  const release = await requestSlots.acquire(ctx.scope, () => abortedError(ctx));
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
    throw transportError(ctx, req, err);
  }
  const stop = ctx.scope.onAbort(() => task.abort());
  try {
    const response = await task.response;
    // A platform may still deliver an answer that raced the abort: the caller asked to stop.
    throwIfAborted(ctx);
    return response;
  } catch (err) {
    if (err instanceof UploadError) throw err;
    if (ctx.scope.aborted) throw abortedError(ctx);
    throw transportError(ctx, req, err);
  } finally {
    stop();
  }
}

/** A pause that an abort cuts short (rejecting with Aborted) and that leaves no timer behind. */
export function sleep(ctx: UploadContext, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (ctx.scope.aborted) return reject(abortedError(ctx));
    const timer = ctx.platform.setTimeout(() => {
      stop();
      resolve();
    }, clampTimer(ms));
    const stop = ctx.scope.onAbort(() => {
      ctx.platform.clearTimeout(timer);
      reject(abortedError(ctx));
    });
  });
}

/**
 * Runs `attempt` and repeats it after transient faults (SPEC: no answer, timeout, 5xx,
 * InternalError, RequestLimitExceeded) with doubling delays; anything else fails at once.
 */
export async function withRetries<T>(ctx: UploadContext, attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof UploadError) || !err.retryable || retry >= ctx.retries || ctx.scope.aborted) throw err;
      // Retrying while WeChat keeps the app in the background is pointless: the caller waits for onAppShow.
      if (err.code === 'Interrupted') throw err;
      await sleep(ctx, ctx.retryDelayMs * Math.pow(2, retry));
    }
  }
}
