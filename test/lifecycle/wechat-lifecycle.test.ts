/**
 * The WeChat binding of the life cycle: `wx.onAppHide` & co. get the very function later passed to
 * `wx.off*` (WeChat removes by identity; a bare `off*` would remove the host's listeners too), a base
 * library without `off*` gets one forwarder only, and `getNetworkType` answers `networkType`.
 */
import { createWechatLifecycle } from '../../components/platform/wechat-lifecycle';
import { LifecycleMonitor } from '../../components/core';

type Fn = (v?: unknown) => void;

function fakeWx(withOff: boolean) {
  const lists: Record<string, Fn[]> = { AppHide: [], AppShow: [], NetworkStatusChange: [] };
  const wx: Record<string, unknown> = {
    getNetworkType: (o: { success(r: { networkType: string }): void }) => setTimeout(() => o.success({ networkType: 'none' }), 0),
  };
  for (const name of Object.keys(lists)) {
    wx['on' + name] = (fn: Fn) => lists[name].push(fn);
    if (withOff)
      wx['off' + name] = (fn?: Fn) => {
        if (!fn) throw new Error('off without a listener would remove the host’s too');
        const i = lists[name].indexOf(fn);
        if (i !== -1) lists[name].splice(i, 1);
      };
  }
  const fire = (name: string, v?: unknown) => lists[name].slice().forEach((fn) => fn(v));
  const count = () => Object.values(lists).reduce((n, l) => n + l.length, 0);
  return { wx, lists, fire, count };
}

const g = globalThis as unknown as { wx?: unknown };
afterEach(() => delete g.wx);

test('registers while held, removes exactly its own listeners, reads the network type', async () => {
  const fake = fakeWx(true);
  g.wx = fake.wx;
  const hostListener = () => undefined;
  (fake.wx.onAppHide as (fn: Fn) => void)(hostListener);
  const monitor = new LifecycleMonitor(createWechatLifecycle());
  expect(fake.count()).toBe(1);
  const release = monitor.hold();
  expect(fake.count()).toBe(4);
  await new Promise((r) => setTimeout(r, 5));
  // getNetworkType said 'none'.
  expect(monitor.blocker).toBe('network');
  fake.fire('NetworkStatusChange', { isConnected: true, networkType: '4g' });
  expect(monitor.blocker).toBeNull();
  fake.fire('AppHide');
  expect(monitor.blocker).toBe('background');
  fake.fire('AppShow');
  expect(monitor.blocker).toBeNull();
  release();
  // Only the host's own listener is left.
  expect(fake.lists.AppHide).toEqual([hostListener]);
  expect(fake.count()).toBe(1);
});

test('without off*: one forwarder per event, and our listeners come and go behind it', () => {
  const fake = fakeWx(false);
  g.wx = fake.wx;
  const lifecycle = createWechatLifecycle();
  const a = new LifecycleMonitor(lifecycle);
  const b = new LifecycleMonitor(lifecycle);
  const releaseA = a.hold();
  const releaseB = b.hold();
  expect(fake.count()).toBe(3);
  fake.fire('AppHide');
  expect([a.hidden, b.hidden]).toEqual([true, true]);
  releaseA();
  fake.fire('AppShow');
  // a no longer listens; b does.
  expect([a.hidden, b.hidden]).toEqual([true, false]);
  releaseB();
  expect(fake.count()).toBe(3);
});

test('a client without these APIs: nothing registered, nothing thrown, never blocked', async () => {
  g.wx = {};
  const monitor = new LifecycleMonitor(createWechatLifecycle());
  const release = monitor.hold();
  await new Promise((r) => setTimeout(r, 5));
  expect(monitor.blocker).toBeNull();
  release();
});
