/**
 * The retry policy, in one place: how long to wait between tries, and when to stop. Which
 * failures are transient is the list beside it (transient-codes.ts), which UploadError reads too.
 */
import type { AbortScope } from '../abort';
import type { Platform } from '../platform';
import { clampTimer } from '../time';
import { uploadAborted, UploadError } from './upload-error';

/** What a wait between tries needs: the clock, the stop, and how many tries are left. */
export interface RetryScope {
  platform: Pick<Platform, 'setTimeout' | 'clearTimeout'>;
  scope: AbortScope;
  /** Transient-fault retries per call. */
  retries: number;
  /** First retry delay; each further one doubles. */
  retryDelayMs: number;
}

/** A pause that an abort cuts short (rejecting with Aborted) and that leaves no timer behind. */
export function sleep(ctx: Pick<RetryScope, 'platform' | 'scope'>, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (ctx.scope.aborted) return reject(uploadAborted());
    const timer = ctx.platform.setTimeout(() => {
      stop();
      resolve();
    }, clampTimer(ms));
    const stop = ctx.scope.onAbort(() => {
      ctx.platform.clearTimeout(timer);
      reject(uploadAborted());
    });
  });
}

/** Runs `attempt` and repeats it after transient faults with doubling delays; anything else fails at once. */
export async function withRetries<T>(ctx: RetryScope, attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof UploadError) || !err.retryable || retry >= ctx.retries || ctx.scope.aborted) throw err;
      // Retrying while WeChat keeps the app in the background is pointless: the caller waits for onAppShow.
      if (err.code === 'Interrupted') throw err;
      await sleep(ctx, ctx.retryDelayMs * 2 ** retry);
    }
  }
}
