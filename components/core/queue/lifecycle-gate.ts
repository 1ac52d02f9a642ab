/**
 * A platform whose requests wait out the life cycle. Before each request it waits while the app
 * is hidden or offline; a request cut by the life cycle (WeChat's `request:fail interrupted`, or
 * any failure without an answer while or since the app was hidden or offline) is not reported:
 * it waits, then goes again exactly as it was (the same URL, the same body). The core above sees
 * one slow request: no retry counted, no second URL, nothing stored twice.
 * Offline, what is in flight is stopped at once rather than left to time out.
 *
 * Waiting holds nothing (SPEC 0.3): the app-wide request slot is taken only once the request may
 * really go, and given back when it is cut. A request carrying a file's bytes (the PUT) is never
 * kept through a wait: it fails at once as `interrupted`, so the upload can drop the bytes and their
 * share of the memory budget, wait (`whenRequestsMayGo`) and read the file again.
 */
import { AbortScope } from '../abort';
import { uploadAborted } from '../errors/upload-error';
import { requestSlots } from '../limits/request-slots';
import type { HeldPlatform } from '../request/context';
import type { LifecycleMonitor, LifecycleStamp } from './lifecycle';
import { Platform, PlatformRequest, PlatformRequestTask, PlatformResponse, TransportError } from '../platform';

/** Failed without an answer because of the life cycle (WeChat said interrupted, or it cut the app since), not because of the request. */
function cutByLifecycle(err: unknown, monitor: LifecycleMonitor, started: LifecycleStamp): boolean {
  const e = (err || {}) as { kind?: unknown; message?: unknown };
  if (err instanceof TransportError && e.kind === 'aborted') return false;
  return e.kind === 'interrupted' || (typeof e.message === 'string' && /interrupted/i.test(e.message)) || monitor.cutSince(started);
}

const abortedError = () => new TransportError('aborted', 'request:fail abort');
/** What a file-carrying request cut (or due while held back) ends as: the upload waits above. */
const cutError = () => new TransportError('interrupted', 'request:fail interrupted');

function gatedRequest(platform: Platform, monitor: LifecycleMonitor, req: PlatformRequest): PlatformRequestTask {
  let aborted = false;
  let inner: PlatformRequestTask | null = null;
  let cancelWait: () => void = () => undefined;
  const slotScope = new AbortScope();
  /** Waits in a row while probing an inferred background; -1 when not probing. */
  let round = -1;
  // File bytes are not kept through a wait: the upload drops them and reads the file again later.
  const withFile = req.body !== undefined && typeof req.body !== 'string';
  const response = (async (): Promise<PlatformResponse> => {
    for (;;) {
      // Only an inferred background lets a file's request go: it is then the probe that finds the foreground.
      if (withFile && monitor.blocker && !monitor.assumingHidden) throw cutError();
      const probing = monitor.assumingHidden && (withFile || round >= 0);
      // A file's request under an inferred background is itself the probe: the upload above waited its delay.
      if (!(withFile && monitor.assumingHidden)) await waitTurn(platform, monitor, round, (cancel) => (cancelWait = cancel));
      if (aborted) throw abortedError();
      // The slot only now: a request waiting for the app or the network holds none.
      const release = await requestSlots.acquire(slotScope, abortedError);
      // A probe goes though the background is assumed: that is how it finds the foreground.
      if (monitor.blocker && !(probing && monitor.assumingHidden)) {
        // Held back again while it waited for the slot: give the slot back and wait again.
        release();
        continue;
      }
      const started = monitor.stamp();
      let stoppedByUs = false;
      let stopWatching: () => void = () => undefined;
      try {
        const task = platform.request(req);
        inner = task;
        stopWatching = monitor.onChange(() => {
          if (!monitor.offline || stoppedByUs) return;
          stoppedByUs = true;
          task.abort();
        });
        const answer = await task.response;
        monitor.noteAnswered();
        return answer;
      } catch (err) {
        if (aborted || !(stoppedByUs || cutByLifecycle(err, monitor, started))) throw err;
        // WeChat said interrupted though no hide was heard: it refuses requests until onAppShow.
        if (!stoppedByUs && !monitor.cutSince(started)) monitor.noteInterrupted();
        if (withFile) throw cutError();
        round = monitor.assumingHidden ? round + 1 : -1;
      } finally {
        stopWatching();
        inner = null;
        release();
      }
    }
  })();
  return {
    response,
    abort: () => {
      aborted = true;
      cancelWait();
      slotScope.abort();
      if (inner) inner.abort();
    },
  };
}

/**
 * Resolves when nothing blocks. While the background is only inferred, the `round`-th wait in a row
 * of a probing request (-1: not probing) also ends after the probe delay (1 s, doubling up to 30 s):
 * a show we did not hear must not strand the request. `onCancel` receives how to end the wait now.
 */
function waitTurn(platform: Platform, monitor: LifecycleMonitor, round: number, onCancel: (cancel: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: unknown = null;
    const stopWatching = monitor.onChange(() => {
      if (!monitor.blocker) end();
    });
    const end = () => {
      stopWatching();
      if (timer !== null) platform.clearTimeout(timer);
      resolve();
    };
    onCancel(end);
    if (!monitor.blocker) end();
    else if (round >= 0 && monitor.assumingHidden) timer = platform.setTimeout(end, Math.min(30000, 1000 * 2 ** round));
  });
}

/** `platform` with its requests gated by `monitor`; everything else is the platform's own. */
export function gatePlatform(platform: Platform, monitor: LifecycleMonitor): HeldPlatform {
  // Inherit, not copy: a class-based platform keeps its methods, getters and state.
  const gated = Object.create(platform) as HeldPlatform & { takesRequestSlots: true };
  gated.request = (req) => gatedRequest(platform, monitor, req);
  Object.defineProperty(gated, 'takesRequestSlots', { value: true });
  gated.whenRequestsMayGo = (scope, waitRound) =>
    new Promise<void>((resolve, reject) => {
      let cancel: () => void = () => undefined;
      const stop = scope.onAbort(() => {
        cancel();
        reject(uploadAborted());
      });
      if (scope.aborted) return;
      // After an abort the wait ends too; resolving a rejected promise changes nothing.
      waitTurn(platform, monitor, waitRound, (c) => (cancel = c)).then(() => {
        stop();
        resolve();
      });
    });
  gated.onHeld = (fn) =>
    monitor.onChange(() => {
      if (monitor.blocker) fn();
    });
  return gated;
}
