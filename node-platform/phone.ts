/**
 * A phone's life cycle for the Node platform, driven by tests and benchmarks: send the app to
 * the background and back, lose the network and get it back. Requests behave as WeChat's do
 * (platform-facts §5): one still running `backgroundGraceMs` (5 s) after a hide fails with
 * `request:fail interrupted`, new ones fail at once until the app is shown; offline, requests
 * in flight fail at once, new ones too, `getNetworkType` answers 'none' and
 * `onNetworkStatusChange` fires.
 */
import type { AppVisibilityListener, NetworkStatus, NetworkStatusListener, PlatformLifecycle, PlatformRequest, PlatformRequestTask, PlatformResponse } from '../components/core';
import { TransportError } from '../components/core';

export const WECHAT_BACKGROUND_GRACE_MS = 5000;
export const INTERRUPTED_ERRMSG = 'request:fail interrupted';
export const OFFLINE_ERRMSG = 'request:fail no network';

export interface PhoneOptions {
  /** How long a request may keep running after a hide; default 5000 (WeChat's). */
  backgroundGraceMs?: number;
}

interface Flight {
  fail(err: TransportError): void;
}

export class SimulatedPhone {
  hidden = false;
  online = true;
  networkType = 'wifi';
  readonly lifecycle: PlatformLifecycle;
  private readonly hideListeners: AppVisibilityListener[] = [];
  private readonly showListeners: AppVisibilityListener[] = [];
  private readonly networkListeners: NetworkStatusListener[] = [];
  private readonly flights = new Set<Flight>();
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly graceMs: number;

  constructor(options: PhoneOptions = {}) {
    this.graceMs = options.backgroundGraceMs ?? WECHAT_BACKGROUND_GRACE_MS;
    const add = <T>(list: T[]) => (fn: T) => void list.push(fn);
    const remove = <T>(list: T[]) => (fn: T) => {
      const i = list.indexOf(fn);
      if (i !== -1) list.splice(i, 1);
    };
    this.lifecycle = {
      onAppHide: add(this.hideListeners),
      offAppHide: remove(this.hideListeners),
      onAppShow: add(this.showListeners),
      offAppShow: remove(this.showListeners),
      onNetworkStatusChange: add(this.networkListeners),
      offNetworkStatusChange: remove(this.networkListeners),
      getNetworkType: () => Promise.resolve(this.online ? this.networkType : 'none'),
    };
  }

  /** Listeners registered and not removed, over every event: 0 once nothing listens. */
  get listenerCount(): number {
    return this.hideListeners.length + this.showListeners.length + this.networkListeners.length;
  }

  /** Requests through this phone still in flight. */
  get inFlight(): number {
    return this.flights.size;
  }

  /** The user switched to another app: in-flight requests get `backgroundGraceMs`, new ones fail. */
  hide(): void {
    if (this.hidden) return;
    this.hidden = true;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      this.failAll(new TransportError('interrupted', INTERRUPTED_ERRMSG));
    }, this.graceMs);
    for (const fn of this.hideListeners.slice()) fn();
  }

  show(): void {
    if (!this.hidden) return;
    this.hidden = false;
    if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    for (const fn of this.showListeners.slice()) fn();
  }

  goOffline(): void {
    if (!this.online) return;
    this.online = false;
    this.failAll(new TransportError('network', OFFLINE_ERRMSG));
    this.notify({ isConnected: false, networkType: 'none' });
  }

  goOnline(networkType = 'wifi'): void {
    if (this.online) return;
    this.online = true;
    this.networkType = networkType;
    this.notify({ isConnected: true, networkType });
  }

  /** Wraps a platform's `request` so the phone's state applies to it. */
  gate(request: (req: PlatformRequest) => PlatformRequestTask): (req: PlatformRequest) => PlatformRequestTask {
    return (req) => {
      const refusal = !this.online ? OFFLINE_ERRMSG : this.hidden ? INTERRUPTED_ERRMSG : '';
      if (refusal) {
        const failed = Promise.reject(new TransportError(this.online ? 'interrupted' : 'network', refusal));
        failed.catch(() => undefined);
        return { response: failed, abort: () => undefined };
      }
      const inner = request(req);
      let fail: (err: TransportError) => void = () => undefined;
      const cut = new Promise<never>((_, reject) => (fail = reject));
      const flight: Flight = {
        fail: (err) => {
          // Settle first, so the race reports this failure and not the abort below.
          fail(err);
          // The request is gone for the app; free its socket too. Its own rejection is not ours to report.
          inner.response.catch(() => undefined);
          inner.abort();
        },
      };
      this.flights.add(flight);
      const response: Promise<PlatformResponse> = Promise.race([inner.response, cut]);
      const done = () => this.flights.delete(flight);
      response.then(done, done);
      return { response, abort: () => inner.abort() };
    };
  }

  private failAll(err: TransportError): void {
    const flights = Array.from(this.flights);
    this.flights.clear();
    for (const f of flights) f.fail(err);
  }

  private notify(status: NetworkStatus): void {
    for (const fn of this.networkListeners.slice()) fn(status);
  }
}
