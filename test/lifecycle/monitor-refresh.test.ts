/**
 * SPEC 0.3: the life-cycle monitor does not trust what it heard before: it forgets a `hidden` from
 * before it started listening (a show may have come while nobody listened), and asks for the
 * network again on every show (it may have changed unheard while the app was away).
 */
import { LifecycleMonitor } from '../../components/core';
import type { AppVisibilityListener, PlatformLifecycle } from '../../components/core';

function source() {
  const hides: AppVisibilityListener[] = [];
  const shows: AppVisibilityListener[] = [];
  const state = { networkType: 'wifi', asked: 0 };
  const remove = (list: AppVisibilityListener[]) => (fn: AppVisibilityListener) => {
    const i = list.indexOf(fn);
    if (i !== -1) list.splice(i, 1);
  };
  const lifecycle: PlatformLifecycle = {
    onAppHide: (fn) => void hides.push(fn),
    offAppHide: remove(hides),
    onAppShow: (fn) => void shows.push(fn),
    offAppShow: remove(shows),
    onNetworkStatusChange: () => undefined,
    offNetworkStatusChange: () => undefined,
    getNetworkType: () => {
      state.asked++;
      return Promise.resolve(state.networkType);
    },
  };
  return { lifecycle, state, hide: () => hides.slice().forEach((f) => f()), show: () => shows.slice().forEach((f) => f()) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

test('a hide heard before listening stopped does not outlive the next start of listening', () => {
  const s = source();
  const monitor = new LifecycleMonitor(s.lifecycle);
  const release = monitor.hold();
  s.hide();
  expect(monitor.blocker).toBe('background');
  // The batch ends while hidden: nobody listens when the app is shown again.
  release();
  s.show();
  const again = monitor.hold();
  expect(monitor.hidden).toBe(false);
  expect(monitor.blocker).toBeNull();
  again();
});

test('every show asks for the network again: offline found on show holds files for the network', async () => {
  const s = source();
  const monitor = new LifecycleMonitor(s.lifecycle);
  const release = monitor.hold();
  await tick();
  expect(s.state.asked).toBe(1);
  s.hide();
  // The network went while the app was away, and no event said so.
  s.state.networkType = 'none';
  s.show();
  await tick();
  expect(s.state.asked).toBe(2);
  expect(monitor.blocker).toBe('network');
  s.state.networkType = '4g';
  s.hide();
  s.show();
  await tick();
  expect(monitor.blocker).toBeNull();
  release();
});
