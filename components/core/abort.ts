import { listen } from './listeners';

/**
 * A minimal abort signal: the mini-program runtime has no AbortController on every base library.
 * One scope per upload; everything in flight registers how to stop itself.
 */
export class AbortScope {
  private readonly abortStoppers: Array<() => void> = [];
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    // splice(0) empties the list before any stopper runs, and hands over what it held.
    for (const fn of this.abortStoppers.splice(0)) fn();
  }

  /** Runs `fn` on abort (at once when already aborted); returns the unsubscribe. */
  onAbort(fn: () => void): () => void {
    if (this.aborted) {
      fn();
      return () => undefined;
    }
    return listen(this.abortStoppers, fn);
  }

  /** How many stoppers are registered: lets tests prove nothing is left behind. */
  get pending(): number {
    return this.abortStoppers.length;
  }
}
