/**
 * The playground's browser `wx` life cycle, checked against WeChat's (platform-facts §5) and driven
 * by the panel's buttons: offline, requests in flight and new ones fail at once, `getNetworkType`
 * says 'none' and `onNetworkStatusChange` fires; in the background, a request still running 5 s
 * after the hide fails `request:fail interrupted`, new ones fail at once until the app is shown,
 * and `onAppHide` / `onAppShow` fire (and stop firing once `off*`ed).
 */
import { usePlayground } from './harness';

jest.setTimeout(60000);

const s = usePlayground();

afterEach(() => {
  s.playground.emulator.faults.clear();
});

/** Installs recorders on the page's `wx`: every life-cycle event goes to `window.__events`. */
async function record(): Promise<void> {
  await s.page.evaluate(() => {
    const w = window as unknown as { wx: Record<string, (fn: unknown) => void>; __events: unknown[]; __off: () => void };
    w.__events = [];
    const hide = () => w.__events.push('hide');
    const show = () => w.__events.push('show');
    const net = (status: unknown) => w.__events.push(status);
    w.wx.onAppHide(hide);
    w.wx.onAppShow(show);
    w.wx.onNetworkStatusChange(net);
    w.__off = () => {
      w.wx.offAppHide(hide);
      w.wx.offAppShow(show);
      w.wx.offNetworkStatusChange(net);
    };
  });
}

function events(): Promise<unknown[]> {
  return s.page.evaluate(() => (window as unknown as { __events: unknown[] }).__events);
}

/** Starts a request in the page; `settled()` resolves with how it ended and after how long. */
async function startRequest(name: string, url: string): Promise<void> {
  await s.page.evaluate(
    ([key, target]) => {
      const w = window as unknown as { wx: { request(o: object): void }; __requests: Record<string, Promise<unknown>> };
      w.__requests = w.__requests || {};
      const started = Date.now();
      w.__requests[key] = new Promise((resolve) =>
        w.wx.request({
          url: target,
          method: 'POST',
          // Named, so the emulator's fault for this action holds it.
          data: { Action: 'AppGetResourceUploadURL' },
          success: (res: { statusCode: number }) => resolve({ ok: true, status: res.statusCode, ms: Date.now() - started }),
          fail: (err: { errMsg: string }) => resolve({ ok: false, errMsg: err.errMsg, ms: Date.now() - started }),
        }),
      );
    },
    [name, url] as const,
  );
}

function settled(name: string): Promise<{ ok: boolean; errMsg?: string; status?: number; ms: number }> {
  return s.page.evaluate((key) => (window as unknown as { __requests: Record<string, Promise<never>> }).__requests[key], name);
}

function networkType(): Promise<string> {
  return s.page.evaluate(
    () =>
      new Promise<string>((resolve, reject) =>
        (window as unknown as { wx: { getNetworkType(o: object): void } }).wx.getNetworkType({ success: (r: { networkType: string }) => resolve(r.networkType), fail: reject }),
      ),
  );
}

test('offline: in-flight and new requests fail at once, getNetworkType is none, onNetworkStatusChange fires', async () => {
  await record();
  const endpoint = s.playground.emulator.endpoint;
  s.playground.emulator.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'delay', delayMs: 5000 });
  await startRequest('held', endpoint);
  await s.page.locator('.pg-panel [data-action="network-off"]').click();
  const held = await settled('held');
  expect(held).toMatchObject({ ok: false, errMsg: 'request:fail no network' });
  expect(held.ms).toBeLessThan(2000);
  await startRequest('new', endpoint);
  expect(await settled('new')).toMatchObject({ ok: false, errMsg: 'request:fail no network' });
  expect(await networkType()).toBe('none');

  await s.page.locator('.pg-panel [data-action="network-on"]').click();
  expect(await networkType()).toBe('wifi');
  await startRequest('back', endpoint);
  expect(await settled('back')).toMatchObject({ ok: true, status: 200 });
  expect(await events()).toEqual([
    { isConnected: false, networkType: 'none' },
    { isConnected: true, networkType: 'wifi' },
  ]);
  await s.page.evaluate(() => (window as unknown as { __off: () => void }).__off());
});

test('background: a request still running 5 s after the hide fails interrupted, new ones fail until show', async () => {
  await record();
  const endpoint = s.playground.emulator.endpoint;
  s.playground.emulator.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'delay', delayMs: 9000 });
  await startRequest('held', endpoint);
  await s.page.locator('.pg-panel [data-action="background-6s"]').click();
  await startRequest('new', endpoint);
  expect(await settled('new')).toMatchObject({ ok: false, errMsg: 'request:fail interrupted' });
  const held = await settled('held');
  expect(held).toMatchObject({ ok: false, errMsg: 'request:fail interrupted' });
  expect(held.ms).toBeGreaterThanOrEqual(4900);
  expect(held.ms).toBeLessThan(6000);
  // Shown again after 6 s.
  await s.page.waitForFunction(() => (window as unknown as { __events: unknown[] }).__events.includes('show'), undefined, { timeout: 4000 });
  await startRequest('back', endpoint);
  expect(await settled('back')).toMatchObject({ ok: true, status: 200 });
  expect(await events()).toEqual(['hide', 'show']);

  // off* removes exactly these listeners: the next stay in the background is not heard.
  await s.page.evaluate(() => (window as unknown as { __off: () => void }).__off());
  await s.page.locator('.pg-panel [data-action="network-off"]').click();
  await s.page.locator('.pg-panel [data-action="network-on"]').click();
  expect(await events()).toEqual(['hide', 'show']);
});
