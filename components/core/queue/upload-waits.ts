/**
 * When a failed upload is not a failure: the app went to the background (WeChat cuts requests
 * 5 s after a hide, `request:fail interrupted`, and refuses new ones until it is shown), or the
 * phone lost its network. Such files wait and start again once the app is back or the network
 * returns, without counting a retry and without a `fail` event.
 */
import type { UploadError } from '../errors/upload-error';
import type { LifecycleMonitor, LifecycleStamp } from './lifecycle';

/** SPEC 0.2: what WeChat's `request:fail interrupted` becomes. */
export const INTERRUPTED = 'Interrupted';

/**
 * True when the failure is the life cycle's doing: `Interrupted` always; any transient failure
 * (no answer, timeout, …) when the app was hidden or the network gone while the attempt ran.
 */
export function waitsInsteadOfFailing(error: UploadError, monitor: LifecycleMonitor, started: LifecycleStamp): boolean {
  // Without life-cycle callbacks nothing would ever say "resume": fail as before, retryable.
  if (!monitor.supported) return false;
  if ((error.retryable || error.code === INTERRUPTED) && monitor.cutSince(started)) return true;
  if (error.code !== INTERRUPTED) return false;
  monitor.noteInterrupted();
  return true;
}
