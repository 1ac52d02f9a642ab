import type { AbortScope } from './abort';

/**
 * WeChat runs at most 10 network requests at once for the whole mini-program (request,
 * uploadFile and downloadFile together). Every upload of the package, from every uploader on the
 * page, shares these slots, and two are left for the host's own requests.
 */
export const MAX_REQUESTS_IN_FLIGHT = 8;
/** WeChat's own limit: `configure({requestSlots})` may not ask for more. */
export const MAX_REQUESTS_IN_FLIGHT_ALLOWED = 10;

/** A first-come, first-served counting semaphore whose waiters an abort can leave. */
export class RequestSlots {
  private used = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private max: number) {}

  get limit(): number {
    return this.max;
  }

  /** `configure({requestSlots})`: a raised limit lets waiters in at once; a lowered one lets in none until enough leave. */
  setLimit(limit: number): void {
    this.max = limit;
    while (this.used < this.max && this.waiters.length) this.waiters.shift()!();
  }

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves with the release function once a slot is free; rejects with `onAbort()`'s error if aborted first. */
  acquire(scope: AbortScope, abortError: () => Error): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        this.used++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.used--;
          if (this.used < this.max) {
            const next = this.waiters.shift();
            if (next) next();
          }
        });
      };
      if (this.used < this.max && !this.waiters.length) return grant();
      const waiter = () => {
        stop();
        grant();
      };
      const stop = scope.onAbort(() => {
        const i = this.waiters.indexOf(waiter);
        if (i !== -1) this.waiters.splice(i, 1);
        reject(abortError());
      });
      if (!scope.aborted) this.waiters.push(waiter);
    });
  }
}

/** The app-wide slots; one module instance per mini-program, as WeChat's limit is per mini-program. */
export const requestSlots = new RequestSlots(MAX_REQUESTS_IN_FLIGHT);
