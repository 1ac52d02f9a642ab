import type { AbortScope } from '../abort';
import { appSlot } from '../app-state';
import { FairLine } from './fair-line';

/**
 * Bytes of file content the package holds at once, app-wide (SPEC `configure({memoryBudget})`).
 * A phone kills a mini-program holding several hundred MiB, so a file is read only once it holds
 * its share of the budget, right before its PUT, and gives it back when the PUT settles.
 */
export const DEFAULT_MEMORY_BUDGET = 134217728;

/** First come, first served (`FairLine`); a file larger than the whole budget runs alone. */
export class MemoryBudget extends FairLine {
  /** Resolves with the release function once `bytes` fit; rejects with `abortError()` if aborted first. */
  acquire(bytes: number, scope: AbortScope, abortError: () => Error): Promise<() => void> {
    return this.take(bytes, scope, abortError);
  }
}

/** The app-wide budget, shared by every copy of the package: the memory is the process's. */
export const memoryBudget = appSlot('memoryBudget', () => new MemoryBudget(DEFAULT_MEMORY_BUDGET));
