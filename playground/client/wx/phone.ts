/**
 * The phone's life cycle for the browser `wx`, with WeChat's semantics (platform-facts §5):
 * `wx.onAppHide` / `wx.onAppShow` / `wx.onNetworkStatusChange` (and their `off*`) and
 * `wx.getNetworkType`. While the app is in the background, a request still running 5 s after
 * the hide fails `request:fail interrupted` and new ones fail at once until it is shown; offline,
 * requests in flight fail at once, new ones too, and `getNetworkType` answers 'none'.
 * The panel's buttons drive it.
 */
import { Callbacks, ErrMsg, settle } from './callbacks';
import type { RequestTask } from './request';

export const BACKGROUND_GRACE_MS = 5000;
const INTERRUPTED = 'request:fail interrupted';
const NO_NETWORK = 'request:fail no network';

type Listener<T> = (value: T) => void;
export interface NetworkStatus {
  isConnected: boolean;
  networkType: string;
}
/** A wx.request-shaped function. */
type RequestFn = (o: Record<string, unknown> & Callbacks<unknown>) => RequestTask;

interface Flight {
  cut(errMsg: string): void;
}

export class BrowserPhone {
  hidden = false;
  online = true;
  networkType = 'wifi';
  private readonly hideListeners: Array<Listener<void>> = [];
  private readonly showListeners: Array<Listener<void>> = [];
  private readonly networkListeners: Array<Listener<NetworkStatus>> = [];
  private readonly flights = new Set<Flight>();
  private readonly changeListeners: Array<() => void> = [];
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  /** When a timed background stay ends (ms since epoch), for the panel's countdown. */
  showsAt = 0;

  /** Listeners the page registered and has not removed, over every life-cycle event. */
  get listenerCount(): number {
    return this.hideListeners.length + this.showListeners.length + this.networkListeners.length;
  }

  /** The panel redraws on every change. */
  onChange(fn: () => void): void {
    this.changeListeners.push(fn);
  }

  /** The user switches to another app for `ms`, then comes back. */
  hideFor(ms: number): void {
    this.hide();
    if (this.showTimer !== undefined) clearTimeout(this.showTimer);
    this.showsAt = Date.now() + ms;
    this.showTimer = setTimeout(() => this.show(), ms);
    this.changed();
  }

  hide(): void {
    if (this.hidden) return;
    this.hidden = true;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      this.cutAll(INTERRUPTED);
    }, BACKGROUND_GRACE_MS);
    this.changed();
    for (const fn of this.hideListeners.slice()) fn();
  }

  show(): void {
    if (this.showTimer !== undefined) clearTimeout(this.showTimer);
    this.showTimer = undefined;
    this.showsAt = 0;
    if (!this.hidden) return;
    this.hidden = false;
    if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.changed();
    for (const fn of this.showListeners.slice()) fn();
  }

  goOffline(): void {
    if (!this.online) return;
    this.online = false;
    this.cutAll(NO_NETWORK);
    this.changed();
    this.notify({ isConnected: false, networkType: 'none' });
  }

  goOnline(): void {
    if (this.online) return;
    this.online = true;
    this.changed();
    this.notify({ isConnected: true, networkType: this.networkType });
  }

  /** What `wx` gets: the life-cycle APIs. */
  wxApis(): Record<string, unknown> {
    const add = <T>(list: Array<Listener<T>>) => (fn: Listener<T>) => {
      if (typeof fn === 'function') list.push(fn);
    };
    const remove = <T>(list: Array<Listener<T>>) => (fn?: Listener<T>) => {
      // WeChat: without an argument, every listener goes.
      if (!fn) return void (list.length = 0);
      const i = list.indexOf(fn);
      if (i !== -1) list.splice(i, 1);
    };
    return {
      onAppHide: add(this.hideListeners),
      offAppHide: remove(this.hideListeners),
      onAppShow: add(this.showListeners),
      offAppShow: remove(this.showListeners),
      onNetworkStatusChange: add(this.networkListeners),
      offNetworkStatusChange: remove(this.networkListeners),
      getNetworkType: (o: Callbacks<{ networkType: string }> = {}) =>
        settle('getNetworkType', o, async () => ({ networkType: this.online ? this.networkType : 'none' })),
    };
  }

  /** `wx.request` under the phone's rules. */
  gate(request: RequestFn): RequestFn {
    return (o) => {
      const refusal = !this.online ? NO_NETWORK : this.hidden ? INTERRUPTED : '';
      const failLater = (errMsg: string) =>
        setTimeout(() => {
          const err: ErrMsg = { errMsg };
          o.fail?.(err);
          o.complete?.(err);
        }, 0);
      if (refusal) {
        failLater(refusal);
        const noop = () => undefined;
        return { abort: noop, onHeadersReceived: noop, offHeadersReceived: noop, onChunkReceived: noop, offChunkReceived: noop };
      }
      let cut = false;
      const flight: Flight = {
        cut: (errMsg) => {
          cut = true;
          this.flights.delete(flight);
          inner.abort();
          failLater(errMsg);
        },
      };
      // The page's callbacks hear the phone's verdict once a request is cut, never the abort behind it.
      const inner = request({
        ...o,
        success: (res: unknown) => void (cut || o.success?.(res)),
        fail: (err: ErrMsg) => void (cut || o.fail?.(err)),
        complete: (res: unknown) => {
          if (cut) return;
          this.flights.delete(flight);
          o.complete?.(res);
        },
      });
      this.flights.add(flight);
      return inner;
    };
  }

  private cutAll(errMsg: string): void {
    for (const f of Array.from(this.flights)) f.cut(errMsg);
  }

  private notify(status: NetworkStatus): void {
    for (const fn of this.networkListeners.slice()) fn(status);
  }

  private changed(): void {
    for (const fn of this.changeListeners.slice()) fn();
  }
}

/** The one phone of the playground page. */
export const phone = new BrowserPhone();
