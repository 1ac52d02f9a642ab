import type { AbortScope } from '../abort';
import { appSlot } from '../app-state';
import { FairLine } from './fair-line';

/**
 * Bytes of file content the package holds at once, app-wide (SPEC `configure({memoryBudget})`).
 * A phone kills a mini-program holding several hundred MiB, so a file is read only once it holds
 * its share of the budget, right before its PUT, and gives it back when the PUT settles.
 */
export const DEFAULT_MEMORY_BUDGET = 134217728;

/** First come, first served (`FairLine`): a big file at the head is not starved by small ones behind it. */
export class MemoryBudget extends FairLine {
  /** Bytes held right now. */
  get held(): number {
    return this.heldNow;
  }

  /** The most bytes held at once since the last `resetPeak()`: lets tests and the bench check the promise. */
  get peak(): number {
    return this.peakHeld;
  }

  resetPeak(): void {
    this.forgetPeak();
  }

  /** A file larger than the whole budget runs alone: it waits until nothing else is held. */
  protected fits(bytes: number, held: number, holders: number, limit: number): boolean {
    return holders === 0 || held + bytes <= limit;
  }

  /** Resolves with the release function once `bytes` fit; rejects with `abortError()` if aborted first. */
  acquire(bytes: number, scope: AbortScope, abortError: () => Error): Promise<() => void> {
    return this.take(bytes, scope, abortError);
  }

  /** The bytes at once when they fit now and nobody waits (a file may then read early); else null. */
  tryAcquire(bytes: number): (() => void) | null {
    return this.takeNow(bytes);
  }
}

/** The app-wide budget, shared by every copy of the package: the memory is the process's. */
export const memoryBudget = appSlot('memoryBudget', () => new MemoryBudget(DEFAULT_MEMORY_BUDGET));
