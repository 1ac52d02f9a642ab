/**
 * A minimal abort signal: the mini-program runtime has no AbortController on every base library.
 * One scope per upload; everything in flight registers how to stop itself.
 */
export class AbortScope {
  private listeners: Array<() => void> = [];
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    // splice(0) empties the list before any stopper runs, and hands over what it held.
    for (const fn of this.listeners.splice(0)) fn();
  }

  /** Runs `fn` on abort (at once when already aborted); returns the unsubscribe. */
  onAbort(fn: () => void): () => void {
    if (this.aborted) {
      fn();
      return () => undefined;
    }
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i !== -1) this.listeners.splice(i, 1);
    };
  }

  /** How many stoppers are registered: lets tests prove nothing is left behind. */
  get pending(): number {
    return this.listeners.length;
  }
}
