/**
 * The life cycle on WeChat: `wx.onAppHide` / `wx.onAppShow` / `wx.onNetworkStatusChange` and
 * `wx.getNetworkType` (platform-facts §5), each with its `off*`. Every listener the package
 * registers is the very function it later passes to `off*` (WeChat removes by identity; an
 * `off*` without an argument would remove the host's listeners too).
 */
import { appSlot, PlatformLifecycle, removeFrom } from '../core';

type Listener = (value: unknown) => void;
type WxTable = Record<string, unknown>;

function wxTable(): WxTable {
  return typeof wx === 'object' && wx ? (wx as unknown as WxTable) : {};
}

/**
 * Puts the `on` and `off` of one event on `lifecycle` (`'AppHide'`: `onAppHide` and `offAppHide`,
 * passing through to `wx.onAppHide` and `wx.offAppHide`). Where the base
 * library has `on*` but no `off*` (older clients), one forwarder is registered once per app
 * (whatever the number of uploaders and of copies of the package) and our listeners come and go
 * in a list of our own, kept app-wide with it.
 */
function addChannel(lifecycle: Record<string, unknown>, event: string): void {
  const onName = 'on' + event;
  const offName = 'off' + event;
  const shared = appSlot('wx.' + onName, () => ({ own: [] as Listener[], forwarding: false }));
  const own = shared.own;
  lifecycle[onName] = (fn: Listener) => {
    const w = wxTable();
    const on = w[onName];
    if (typeof on !== 'function') return;
    if (typeof w[offName] === 'function') return void on.call(w, fn);
    own.push(fn);
    if (shared.forwarding) return;
    shared.forwarding = true;
    on.call(w, (value: unknown) => {
      for (const f of own.slice()) f(value);
    });
  };
  lifecycle[offName] = (fn: Listener) => {
    const w = wxTable();
    const off = w[offName];
    if (typeof off === 'function' && !shared.forwarding) return void off.call(w, fn);
    removeFrom(own, fn);
  };
}

export function createWechatLifecycle(): PlatformLifecycle {
  const lifecycle: Record<string, unknown> = {
    getNetworkType: () =>
      // A client without it throws here, and the Promise rejects: the queue then cannot tell.
      new Promise<string>((resolve, reject) =>
        wx.getNetworkType({ success: (res) => resolve(String((res && res.networkType) || 'unknown')), fail: reject }),
      ),
  };
  // onAppHide and offAppHide, onAppShow and offAppShow, onNetworkStatusChange and offNetworkStatusChange.
  for (const event of ['AppHide', 'AppShow', 'NetworkStatusChange']) addChannel(lifecycle, event);
  return lifecycle as unknown as PlatformLifecycle;
}
