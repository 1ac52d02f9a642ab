/**
 * A platform whose requests wait out the life cycle. Before each request it waits while the app
 * is hidden or offline; a request cut by the life cycle (WeChat's `request:fail interrupted`, or
 * any failure without an answer while or since the app was hidden or offline) is not reported:
 * it waits, then goes again exactly as it was (the same URL, the same body buffer). The core
 * above sees one slow request: no retry counted, no re-hash, no second URL, nothing stored twice.
 * Offline, what is in flight is stopped at once rather than left to time out.
 */
import type { LifecycleMonitor, LifecycleStamp } from './lifecycle';
import { Platform, PlatformRequest, PlatformRequestTask, PlatformResponse, TransportError } from '../platform';

function interrupted(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { kind?: unknown; message?: unknown };
  return e.kind === 'interrupted' || (typeof e.message === 'string' && /interrupted/i.test(e.message));
}

/** Failed without an answer because of the life cycle, not because of the request. */
function cutByLifecycle(err: unknown, monitor: LifecycleMonitor, started: LifecycleStamp): boolean {
  if (err instanceof TransportError && err.kind === 'aborted') return false;
  return interrupted(err) || monitor.cutSince(started);
}

/** While the background is only inferred (no hide heard), try again after this long, doubling up to the cap. */
export const FIRST_PROBE_MS = 1000;
export const MAX_PROBE_MS = 30000;

function gatedRequest(platform: Platform, monitor: LifecycleMonitor, req: PlatformRequest): PlatformRequestTask {
  let aborted = false;
  let inner: PlatformRequestTask | null = null;
  let cancelWait: () => void = () => undefined;
  /** > 0 while probing an inferred background. */
  let probeMs = 0;
  const response = (async (): Promise<PlatformResponse> => {
    for (;;) {
      await waitTurn(platform, monitor, probeMs, (cancel) => (cancelWait = cancel));
      if (aborted) throw new TransportError('aborted', 'request:fail abort');
      const started = monitor.stamp();
      const task = platform.request(req);
      inner = task;
      let stoppedByUs = false;
      const stopWatching = monitor.onChange(() => {
        if (!monitor.offline || stoppedByUs) return;
        stoppedByUs = true;
        task.abort();
      });
      try {
        const answer = await task.response;
        monitor.noteAnswered();
        return answer;
      } catch (err) {
        if (aborted || !(stoppedByUs || cutByLifecycle(err, monitor, started))) throw err;
        // WeChat said interrupted though no hide was heard: it refuses requests until onAppShow.
        if (!stoppedByUs && !monitor.cutSince(started)) monitor.noteInterrupted();
        probeMs = monitor.assumingHidden ? Math.min(MAX_PROBE_MS, probeMs ? probeMs * 2 : FIRST_PROBE_MS) : 0;
      } finally {
        stopWatching();
        inner = null;
      }
    }
  })();
  return {
    response,
    abort: () => {
      aborted = true;
      cancelWait();
      if (inner) inner.abort();
    },
  };
}

/**
 * Resolves when nothing blocks; while the background is only inferred, also after `probeMs` (a
 * show we did not hear must not strand the request). `onCancel` receives how to end the wait now.
 */
function waitTurn(platform: Platform, monitor: LifecycleMonitor, probeMs: number, onCancel: (cancel: () => void) => void): Promise<void> {
  const wait = monitor.whenClear();
  if (!probeMs || !monitor.blocker) {
    onCancel(wait.cancel);
    return wait.promise;
  }
  let timer: unknown;
  const probe = new Promise<void>((resolve) => (timer = platform.setTimeout(resolve, probeMs)));
  const stop = () => {
    platform.clearTimeout(timer);
    wait.cancel();
  };
  onCancel(stop);
  return Promise.race([wait.promise, probe]).then(stop);
}

/** `platform` with its requests gated by `monitor`; everything else is the platform's own. */
export function gatePlatform(platform: Platform, monitor: LifecycleMonitor): Platform {
  // Inherit, not copy: a class-based platform keeps its methods, getters and state.
  const gated = Object.create(platform) as Platform;
  gated.request = (req) => gatedRequest(platform, monitor, req);
  return gated;
}
