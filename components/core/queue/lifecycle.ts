/**
 * Turns the platform's life-cycle callbacks into what an upload queue needs to know: may uploads
 * run now, why not (the app is in the background, the phone is offline), and when that changes.
 * It listens to the platform only while someone holds it, and takes every listener it registered
 * off again when the last holder lets go: a page left open with nothing to upload listens to nothing.
 */

import type { NetworkStatus, PlatformLifecycle } from '../platform';

export type { NetworkStatus, PlatformLifecycle };

// ——— what the queue makes of it ———

/** Why files wait instead of running: shown to the user, so each has its own words. */
export type WaitReason = 'network' | 'background';

/** A moment in the life cycle; an attempt started at one can tell whether it was cut since. */
export interface LifecycleStamp {
  hides: number;
  losses: number;
}

export class LifecycleMonitor {
  /** The app is in the background: WeChat fails new requests until it is shown again. */
  hidden = false;
  /** The phone has no network. */
  offline = false;
  private hides = 0;
  private losses = 0;
  private holders = 0;
  /** Network events seen since listening began: a late getNetworkType answer must not undo a newer one. */
  private networkEvents = 0;
  private readonly subscribers: Array<() => void> = [];
  /** `hidden` was inferred from an `interrupted` failure, not heard from the platform. */
  private assumedHidden = false;

  private readonly onHide = (): void => {
    this.assumedHidden = false;
    if (this.hidden) return;
    this.hidden = true;
    this.hides++;
    this.changed();
  };

  private readonly onShow = (): void => {
    this.assumedHidden = false;
    // The network may have changed unheard while hidden: ask again on every show.
    this.refreshNetwork();
    if (!this.hidden) return;
    this.hidden = false;
    this.changed();
  };

  private readonly onNetwork = (status: NetworkStatus): void => {
    this.networkEvents++;
    this.setOffline(!isConnected(status));
  };

  constructor(private readonly source: PlatformLifecycle | undefined) {}

  /** Why uploads must wait right now, or null when they may run. The network matters more: it is what the user can fix. */
  get blocker(): WaitReason | null {
    if (this.offline) return 'network';
    if (this.hidden) return 'background';
    return null;
  }

  /** The platform reports its life cycle: without it nothing can say when to resume. */
  get supported(): boolean {
    return !!this.source;
  }

  /**
   * WeChat said `interrupted` though no hide was heard (a listener registered too late, say):
   * it refuses requests until the app is shown, so count the app as hidden until `onAppShow`.
   */
  noteInterrupted(): void {
    if (this.hidden) return;
    this.onHide();
    this.assumedHidden = true;
  }

  /** The background was inferred, not heard: worth probing now and then (a missed show must not strand files). */
  get assumingHidden(): boolean {
    return this.assumedHidden;
  }

  /** A request got an answer: an inferred background is over (WeChat answers only in the foreground or its grace). */
  noteAnswered(): void {
    if (!this.assumedHidden) return;
    this.assumedHidden = false;
    this.onShow();
  }

  /** True while the platform's callbacks are registered. */
  get listening(): boolean {
    return this.holders > 0;
  }

  stamp(): LifecycleStamp {
    return { hides: this.hides, losses: this.losses };
  }

  /** The app went to the background, or the network was lost, since `stamp` (or is so now). */
  cutSince(stamp: LifecycleStamp): boolean {
    return this.blocker !== null || stamp.hides !== this.hides || stamp.losses !== this.losses;
  }

  /**
   * Resolves once nothing blocks (at once when nothing does). `cancel()` makes it resolve now,
   * for a caller that gave up waiting (its upload was aborted).
   */
  whenClear(): { promise: Promise<void>; cancel(): void } {
    let cancel: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      if (!this.blocker) return resolve();
      const stop = this.onChange(() => {
        if (this.blocker) return;
        stop();
        resolve();
      });
      cancel = () => {
        stop();
        resolve();
      };
    });
    return { promise, cancel };
  }

  /** Calls `fn` whenever `blocker` may have changed; returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    this.subscribers.push(fn);
    return () => {
      const i = this.subscribers.indexOf(fn);
      if (i !== -1) this.subscribers.splice(i, 1);
    };
  }

  /** Starts listening (on the first hold); the returned release stops it on the last one. */
  hold(): () => void {
    if (this.holders++ === 0) this.listen();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holders === 0) this.unlisten();
    };
  }

  private listen(): void {
    const s = this.source;
    if (!s) return;
    // What was heard before is stale: a show may have come while nobody listened (a batch that
    // ended while hidden). Uploads become due from the foreground (the user chose a file, tapped
    // retry), so start from "shown"; a request WeChat refuses still says otherwise (noteInterrupted).
    if (this.hidden) {
      this.hidden = false;
      this.assumedHidden = false;
      this.changed();
    }
    s.onAppHide(this.onHide);
    s.onAppShow(this.onShow);
    s.onNetworkStatusChange(this.onNetwork);
    this.refreshNetwork();
  }

  /** Asks the platform whether the phone is online now. */
  private refreshNetwork(): void {
    const s = this.source;
    if (!s || this.holders === 0) return;
    const seen = this.networkEvents;
    let answer: Promise<string>;
    try {
      answer = s.getNetworkType();
    } catch {
      return;
    }
    Promise.resolve(answer).then(
      (type) => {
        // Only the answer to the question asked while listening, and only if no event said otherwise since.
        if (this.holders > 0 && this.networkEvents === seen) this.setOffline(type === 'none');
      },
      () => {
        // Cannot tell: assume online; a failing request will say otherwise.
        if (this.holders > 0 && this.networkEvents === seen) this.setOffline(false);
      },
    );
  }

  private unlisten(): void {
    const s = this.source;
    if (!s) return;
    s.offAppHide(this.onHide);
    s.offAppShow(this.onShow);
    s.offNetworkStatusChange(this.onNetwork);
  }

  private setOffline(offline: boolean): void {
    if (offline === this.offline) return;
    this.offline = offline;
    if (offline) this.losses++;
    this.changed();
  }

  private changed(): void {
    for (const fn of this.subscribers.slice()) fn();
  }
}

function isConnected(status: NetworkStatus): boolean {
  if (!status || typeof status !== 'object') return true;
  if (typeof status.isConnected === 'boolean') return status.isConnected;
  return status.networkType !== 'none';
}
