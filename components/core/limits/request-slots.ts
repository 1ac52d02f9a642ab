import type { AbortScope } from '../abort';
import { appSlot } from '../app-state';
import { FairLine } from './fair-line';

/**
 * WeChat runs at most 10 network requests at once for the whole mini-program (request,
 * uploadFile and downloadFile together). Every upload of the package, from every uploader on the
 * page, shares these slots, and two are left for the host's own requests.
 */
export const MAX_REQUESTS_IN_FLIGHT = 8;
/** WeChat's own limit: `configure({requestSlots})` may not ask for more. */
export const MAX_REQUESTS_IN_FLIGHT_ALLOWED = 10;

/** One slot per request, first come, first served; a waiter an abort stops leaves the line. */
export class RequestSlots extends FairLine {
  get inUse(): number {
    return this.held;
  }

  /** Resolves with the release function once a slot is free; rejects with `abortError()` if aborted first. */
  acquire(scope: AbortScope, abortError: () => Error): Promise<() => void> {
    return this.take(1, scope, abortError);
  }
}

/** The app-wide slots, shared by every copy of the package: WeChat's limit is per mini-program. */
export const requestSlots = appSlot('requestSlots', () => new RequestSlots(MAX_REQUESTS_IN_FLIGHT));
