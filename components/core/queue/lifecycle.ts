/**
 * Turns the platform's life-cycle callbacks into what an upload queue needs to know: may uploads
 * run now, why not (the app is in the background, the phone is offline), and when that changes.
 * It listens to the platform only while someone holds it, and takes every listener it registered
 * off again when the last holder lets go: a page left open with nothing to upload listens to nothing.
 */

import { listen, once } from '../listeners';
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
  private cutCount = 0;
  private holders = 0;
  /** Network events seen since listening began: a late getNetworkType answer must not undo a newer one. */
  private networkEvents = 0;
  /** Each subscription is a function of its own (every caller passes a fresh closure). */
  private readonly subscribers: Array<() => void> = [];

  private readonly heardHide = (): void => this.setFlag('hidden', true);

  private readonly heardShow = (): void => {
    // The network may have changed unheard while hidden: ask again on every show.
    this.refreshNetwork();
    this.setFlag('hidden', false);
  };

  private readonly onNetwork = (status: NetworkStatus): void => {
    this.networkEvents++;
    this.setFlag('offline', !isConnected(status));
  };

  constructor(private readonly lifecycleSource: PlatformLifecycle | undefined) {}

  /** Why uploads must wait right now, or null when they may run. The network matters more: it is what the user can fix. */
  get blocker(): WaitReason | null {
    return this.offline ? 'network' : this.hidden ? 'background' : null;
  }

  /** The platform reports its life cycle: without it nothing can say when to resume. */
  get supported(): boolean {
    return !!this.lifecycleSource;
  }

  /**
   * WeChat said `interrupted` though no hide was heard (a listener registered too late, say):
   * it refuses requests until the app is shown, so count the app as hidden until `onAppShow`.
   */
  noteInterrupted(): void {
    if (this.hidden) return;
    this.heardHide();
    this.assumingHidden = true;
  }

  /** A request got an answer: an inferred background is over (WeChat answers only in the foreground or its grace). */
  noteAnswered(): void {
    if (this.assumingHidden) this.heardShow();
  }

  /** True while the platform's callbacks are registered. */
  get listening(): boolean {
    return this.holders > 0;
  }

  stamp(): LifecycleStamp {
    return this.cutCount;
  }

  /** The app went to the background, or the network was lost, since `stamp` (or is so now). */
  cutSince(stamp: LifecycleStamp): boolean {
    return this.blocker !== null || stamp !== this.cutCount;
  }

  /** Calls `fn` whenever `blocker` may have changed; returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    return listen(this.subscribers, fn);
  }

  /** Starts listening (on the first hold); the returned release stops it on the last one. */
  hold(): () => void {
    if (this.holders++ === 0) this.startListening();
    return once(() => {
      if (--this.holders === 0) this.unlisten();
    });
  }

  private startListening(): void {
    const s = this.lifecycleSource;
    if (!s) return;
    // What was heard before is stale: a show may have come while nobody listened (a batch that
    // ended while hidden). Uploads become due from the foreground (the user chose a file, tapped
    // retry), so start from "shown"; a request WeChat refuses still says otherwise (noteInterrupted).
    this.setFlag('hidden', false);
    s.onAppHide(this.heardHide);
    s.onAppShow(this.heardShow);
    s.onNetworkStatusChange(this.onNetwork);
    this.refreshNetwork();
  }

  /** Asks the platform whether the phone is online now. */
  private refreshNetwork(): void {
    const s = this.lifecycleSource;
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
    const s = this.lifecycleSource;
    if (!s) return;
    s.offAppHide(this.heardHide);
    s.offAppShow(this.heardShow);
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
    if (on) this.cutCount++;
    this.notifySubscribers();
  }

  private notifySubscribers(): void {
    // The ones subscribed now: a subscriber may subscribe or leave while it runs.
    for (const fn of this.subscribers.slice()) fn();
  }
}

function isConnected(status: NetworkStatus): boolean {
  if (!status || typeof status !== 'object') return true;
  if (typeof status.isConnected === 'boolean') return status.isConnected;
  return status.networkType !== 'none';
}
