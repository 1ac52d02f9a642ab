import type { AbortScope } from '../abort';
import { once, removeFrom } from '../listeners';

/**
 * A first-come, first-served line for a limited resource the whole app shares (request slots,
 * bytes of file content): each taker asks for a weight and waits until it fits; an abort lets a
 * waiter leave. The head is never overtaken, so a big taker is not starved by small ones behind it.
 * A taker fits when nothing is held (so one larger than the whole limit runs alone) or when it fits
 * under the limit beside what is held.
 */
export abstract class FairLine {
  private heldWeight = 0;
  private holders = 0;
  private peakWeight = 0;
  private readonly waitingTakers: Array<{ weight: number; grant: () => void }> = [];

  constructor(private max: number) {}

  get limit(): number {
    return this.max;
  }

  /** A raised limit lets waiters in at once; a lowered one lets in none until enough leave. */
  setLimit(limit: number): void {
    this.max = limit;
    this.admitWaiters();
  }

  get waiting(): number {
    return this.waitingTakers.length;
  }

  /** Weight held right now. */
  get held(): number {
    return this.heldWeight;
  }

  /** The most weight held at once since the last `resetPeak()`: lets tests and the bench check the promise. */
  get peak(): number {
    return this.peakWeight;
  }

  resetPeak(): void {
    this.peakWeight = this.heldWeight;
  }

  /** The release function at once when `weight` fits now and nobody waits (a file may then read early); else null. */
  tryAcquire(weight: number): (() => void) | null {
    return !this.waitingTakers.length && this.weightFits(weight) ? this.holdWeight(weight) : null;
  }

  /** Resolves with the release function once `weight` fits; rejects with `abortError()` if aborted first. */
  protected take(weight: number, scope: AbortScope, abortError: () => Error): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const now = this.tryAcquire(weight);
      if (now) return resolve(now);
      const waiter = {
        weight,
        grant: () => {
          stop();
          resolve(this.holdWeight(weight));
        },
      };
      const stop = scope.onAbort(() => {
        removeFrom(this.waitingTakers, waiter);
        reject(abortError());
        // The head may have left: the next in line may fit now.
        this.admitWaiters();
      });
      if (!scope.aborted) this.waitingTakers.push(waiter);
    });
  }

  private weightFits(weight: number): boolean {
    return this.holders === 0 || this.heldWeight + weight <= this.max;
  }

  private holdWeight(weight: number): () => void {
    this.heldWeight += weight;
    this.holders++;
    this.peakWeight = Math.max(this.peakWeight, this.heldWeight);
    return once(() => {
      this.heldWeight -= weight;
      this.holders--;
      this.admitWaiters();
    });
  }

  private admitWaiters(): void {
    while (this.waitingTakers.length && this.weightFits(this.waitingTakers[0].weight)) this.waitingTakers.shift()!.grant();
  }
}
