import type { AbortScope } from '../abort';

/**
 * A first-come, first-served line for a limited resource the whole app shares (request slots,
 * bytes of file content): each taker asks for a weight and waits until it fits; an abort lets a
 * waiter leave. The head is never overtaken, so a big taker is not starved by small ones behind it.
 */
export abstract class FairLine {
  private heldWeight = 0;
  private holders = 0;
  private peakWeight = 0;
  private readonly waiters: Array<{ weight: number; grant: () => void }> = [];

  constructor(private max: number) {}

  get limit(): number {
    return this.max;
  }

  /** A raised limit lets waiters in at once; a lowered one lets in none until enough leave. */
  setLimit(limit: number): void {
    this.max = limit;
    this.pump();
  }

  get waiting(): number {
    return this.waiters.length;
  }

  protected get heldNow(): number {
    return this.heldWeight;
  }

  protected get peakHeld(): number {
    return this.peakWeight;
  }

  protected forgetPeak(): void {
    this.peakWeight = this.heldWeight;
  }

  /** Whether `weight` more may be taken while `held` is taken by `holders` takers. */
  protected abstract fits(weight: number, held: number, holders: number, limit: number): boolean;

  /** Resolves with the release function once `weight` fits; rejects with `abortError()` if aborted first. */
  protected take(weight: number, scope: AbortScope, abortError: () => Error): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const grant = () => resolve(this.hold(weight));
      if (this.fitsNow(weight)) return grant();
      const waiter = {
        weight,
        grant: () => {
          stop();
          grant();
        },
      };
      const stop = scope.onAbort(() => {
        const i = this.waiters.indexOf(waiter);
        if (i !== -1) this.waiters.splice(i, 1);
        reject(abortError());
        // The head may have left: the next in line may fit now.
        this.pump();
      });
      if (!scope.aborted) this.waiters.push(waiter);
    });
  }

  /** The release function at once when `weight` fits now and nobody waits; else null. */
  protected takeNow(weight: number): (() => void) | null {
    return this.fitsNow(weight) ? this.hold(weight) : null;
  }

  private fitsNow(weight: number): boolean {
    return !this.waiters.length && this.fits(weight, this.heldWeight, this.holders, this.max);
  }

  private hold(weight: number): () => void {
    this.heldWeight += weight;
    this.holders++;
    if (this.heldWeight > this.peakWeight) this.peakWeight = this.heldWeight;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.heldWeight -= weight;
      this.holders--;
      this.pump();
    };
  }

  private pump(): void {
    while (this.waiters.length && this.fits(this.waiters[0].weight, this.heldWeight, this.holders, this.max)) {
      this.waiters.shift()!.grant();
    }
  }
}
