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

/** A moment in the life cycle (the hides and network losses so far); an attempt started at one can tell whether it was cut since. */
export type LifecycleStamp = number;

export class LifecycleMonitor {
  /** The app is in the background: WeChat fails new requests until it is shown again. */
  hidden = false;
  /** The phone has no network. */
  offline = false;
  /**
   * `hidden` was inferred from an `interrupted` failure, not heard from the platform: worth probing
   * now and then (a missed show must not strand files). Read-only outside.
   */
  assumingHidden = false;
  /** Hides and network losses so far. */
  private cuts = 0;
  private holders = 0;
  /** Network events seen since listening began: a late getNetworkType answer must not undo a newer one. */
  private networkEvents = 0;
  /** Each subscription is a function of its own (every caller passes a fresh closure). */
  private readonly subscribers = new Set<() => void>();

  private readonly onHide = (): void => this.setFlag('hidden', true);

  private readonly onShow = (): void => {
    // The network may have changed unheard while hidden: ask again on every show.
    this.refreshNetwork();
    this.setFlag('hidden', false);
  };

  private readonly onNetwork = (status: NetworkStatus): void => {
    this.networkEvents++;
    this.setFlag('offline', !isConnected(status));
  };

  constructor(private readonly source: PlatformLifecycle | undefined) {}

  /** Why uploads must wait right now, or null when they may run. The network matters more: it is what the user can fix. */
  get blocker(): WaitReason | null {
    return this.offline ? 'network' : this.hidden ? 'background' : null;
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
    this.assumingHidden = true;
  }

  /** A request got an answer: an inferred background is over (WeChat answers only in the foreground or its grace). */
  noteAnswered(): void {
    if (this.assumingHidden) this.onShow();
  }

  /** True while the platform's callbacks are registered. */
  get listening(): boolean {
    return this.holders > 0;
  }

  stamp(): LifecycleStamp {
    return this.cuts;
  }

  /** The app went to the background, or the network was lost, since `stamp` (or is so now). */
  cutSince(stamp: LifecycleStamp): boolean {
    return this.blocker !== null || stamp !== this.cuts;
  }

  /** Calls `fn` whenever `blocker` may have changed; returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    this.subscribers.add(fn);
    return () => {
      this.subscribers.delete(fn);
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
    this.setFlag('hidden', false);
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
    // Only the answer to the question asked while listening, and only if no event said otherwise since.
    const answered = (offline: boolean) => {
      if (this.holders > 0 && this.networkEvents === seen) this.setFlag('offline', offline);
    };
    let answer: Promise<string>;
    try {
      answer = s.getNetworkType();
    } catch {
      return;
    }
    // Cannot tell: assume online; a failing request will say otherwise.
    Promise.resolve(answer).then((type) => answered(type === 'none'), () => answered(false));
  }

  private unlisten(): void {
    const s = this.source;
    if (!s) return;
    s.offAppHide(this.onHide);
    s.offAppShow(this.onShow);
    s.offNetworkStatusChange(this.onNetwork);
  }

  /**
   * Going hidden or offline is a cut: attempts started before it can tell (`cutSince`). Whatever
   * is heard (or decided) about the app's visibility replaces an inferred background.
   */
  private setFlag(flag: 'hidden' | 'offline', on: boolean): void {
    if (flag === 'hidden') this.assumingHidden = false;
    if (this[flag] === on) return;
    this[flag] = on;
    if (on) this.cuts++;
    this.changed();
  }

  private changed(): void {
    // The ones subscribed now: a subscriber may subscribe or leave while it runs.
    for (const fn of Array.from(this.subscribers)) fn();
  }
}

function isConnected(status: NetworkStatus): boolean {
  if (!status || typeof status !== 'object') return true;
  if (typeof status.isConnected === 'boolean') return status.isConnected;
  return status.networkType !== 'none';
}
