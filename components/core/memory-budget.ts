import type { AbortScope } from './abort';

/**
 * Bytes of file content the package holds at once, app-wide (SPEC `configure({memoryBudget})`).
 * A phone kills a mini-program holding several hundred MiB, so a file is read only once it holds
 * its share of the budget, right before its PUT, and gives it back when the PUT settles.
 */
export const DEFAULT_MEMORY_BUDGET = 134217728;

/** First come, first served: a big file at the head is not starved by small ones behind it. */
export class MemoryBudget {
  private heldBytes = 0;
  private holders = 0;
  private peakBytes = 0;
  private readonly waiters: Array<{ bytes: number; grant: () => void }> = [];

  constructor(private budget: number) {}

  get limit(): number {
    return this.budget;
  }

  /** Bytes held right now. */
  get held(): number {
    return this.heldBytes;
  }

  /** The most bytes held at once since the last `resetPeak()`: lets tests and the bench check the promise. */
  get peak(): number {
    return this.peakBytes;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  resetPeak(): void {
    this.peakBytes = this.heldBytes;
  }

  setLimit(bytes: number): void {
    this.budget = bytes;
    this.pump();
  }

  /** A file larger than the whole budget runs alone: it waits until nothing else is held. */
  private fits(bytes: number): boolean {
    return this.holders === 0 || this.heldBytes + bytes <= this.budget;
  }

  /** Resolves with the release function once `bytes` fit; rejects with `abortError()` if aborted first. */
  acquire(bytes: number, scope: AbortScope, abortError: () => Error): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const grant = () => resolve(this.take(bytes));
      if (!this.waiters.length && this.fits(bytes)) return grant();
      const waiter = {
        bytes,
        grant: () => {
          stop();
          grant();
        },
      };
      const stop = scope.onAbort(() => {
        const i = this.waiters.indexOf(waiter);
        if (i !== -1) this.waiters.splice(i, 1);
        reject(abortError());
        // The head left: the next in line may fit now.
        this.pump();
      });
      if (!scope.aborted) this.waiters.push(waiter);
    });
  }

  /** The bytes at once when they fit now and nobody waits (a file may then read early); else null. */
  tryAcquire(bytes: number): (() => void) | null {
    return !this.waiters.length && this.fits(bytes) ? this.take(bytes) : null;
  }

  private take(bytes: number): () => void {
    this.heldBytes += bytes;
    this.holders++;
    if (this.heldBytes > this.peakBytes) this.peakBytes = this.heldBytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.heldBytes -= bytes;
      this.holders--;
      this.pump();
    };
  }

  private pump(): void {
    while (this.waiters.length && this.fits(this.waiters[0].bytes)) this.waiters.shift()!.grant();
  }
}

/** The app-wide budget; one module instance per mini-program, as the memory is the process's. */
export const memoryBudget = new MemoryBudget(DEFAULT_MEMORY_BUDGET);
