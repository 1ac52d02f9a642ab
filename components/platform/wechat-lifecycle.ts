/**
 * The life cycle on WeChat: `wx.onAppHide` / `wx.onAppShow` / `wx.onNetworkStatusChange` and
 * `wx.getNetworkType` (platform-facts §5), each with its `off*`. Every listener the package
 * registers is the very function it later passes to `off*` (WeChat removes by identity; an
 * `off*` without an argument would remove the host's listeners too).
 */
import { appSlot, NetworkStatus, PlatformLifecycle, removeFrom } from '../core';

type Listener<T> = (value: T) => void;
type WxTable = Record<string, unknown>;

function wxTable(): WxTable {
  return typeof wx === 'object' && wx ? (wx as unknown as WxTable) : {};
}

/**
 * The `on` and `off` of one event (`'AppHide'`: `wx.onAppHide`, `wx.offAppHide`). Where the base
 * library has `on*` but no `off*` (older clients), one forwarder is registered once per app
 * (whatever the number of uploaders and of copies of the package) and our listeners come and go
 * in a list of our own, kept app-wide with it.
 */
function channel<T>(event: string): [on: Listener<Listener<T>>, off: Listener<Listener<T>>] {
  const onName = 'on' + event;
  const offName = 'off' + event;
  const shared = appSlot('wx.' + onName, () => ({ own: [] as Array<Listener<unknown>>, forwarding: false }));
  const own = shared.own as Array<Listener<T>>;
  return [
    (fn) => {
      const w = wxTable();
      const on = w[onName];
      if (typeof on !== 'function') return;
      if (typeof w[offName] === 'function') return void on.call(w, fn);
      own.push(fn);
      if (shared.forwarding) return;
      shared.forwarding = true;
      on.call(w, (value: T) => {
        for (const f of own.slice()) f(value);
      });
    },
    (fn) => {
      const w = wxTable();
      const off = w[offName];
      if (typeof off === 'function' && !shared.forwarding) return void off.call(w, fn);
      removeFrom(own, fn);
    },
  ];
}

export function createWechatLifecycle(): PlatformLifecycle {
  const [onAppHide, offAppHide] = channel<void>('AppHide');
  const [onAppShow, offAppShow] = channel<void>('AppShow');
  const [onNetworkStatusChange, offNetworkStatusChange] = channel<NetworkStatus>('NetworkStatusChange');
  return {
    onAppHide,
    offAppHide,
    onAppShow,
    offAppShow,
    onNetworkStatusChange,
    offNetworkStatusChange,
    getNetworkType: () =>
      // A client without it throws here, and the Promise rejects: the queue then cannot tell.
      new Promise((resolve, reject) =>
        wx.getNetworkType({ success: (res) => resolve(String((res && res.networkType) || 'unknown')), fail: reject }),
      ),
  };
}
