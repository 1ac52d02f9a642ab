/**
 * @jest-environment jsdom
 *
 * `<resource-uploader>` on a phone that goes to the background and loses its network: the
 * mounted component (WeChat's compiler, real vant) talks real HTTP to the emulator through its
 * unchanged WeChat binding, and hears `wx.onAppHide` / `wx.onNetworkStatusChange` from the Node
 * platform's simulated phone. Files wait in a visible, localized, aria-labelled state and finish
 * by themselves: no `fail` event, no user action; every listener is taken off again.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as simulate from 'miniprogram-simulate';
import { Emulator, startEmulator } from '../../emulator';
import { loadOptions, Mounted, mountUploader, ROOT, tapVantButton } from '../support/mount-uploader';
import { LiveWx } from '../reliability/live-wx';

let emu: Emulator;
let dir: string;
let uploaderId: string;
let live: LiveWx;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'component-waits-'));
  uploaderId = simulate.load(path.join(ROOT, 'components/resource-uploader/index'), 'resource-uploader', loadOptions(['src']));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await emu.reset();
  live = new LiveWx({ phone: { backgroundGraceMs: 60 } });
});
afterEach(() => live.restore());

function pick(m: Mounted, name: string): Buffer {
  const bytes = randomBytes(20000);
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  live.chooser.nextPick({ files: [{ path: file, size: bytes.length, name }] });
  tapVantButton(m.uploader, '.ru-choose');
  return bytes;
}

function row(m: Mounted): Record<string, unknown> {
  return m.instance.data.items[0] || {};
}

/** The rendered waiting line's text (simulate drops aria-*: the template test below checks those). */
function waitingLine(m: Mounted): string | null {
  const node = m.uploader.querySelector('.ru-waiting');
  return node ? ((node.dom as Element).textContent || '').trim() : null;
}

test('hidden mid-PUT: the file says it is paused in the background, then finishes after show with no fail', async () => {
  const m = mountUploader(simulate, uploaderId, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, locale: 'en' });
  emu.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 3000 });
  const bytes = pick(m, 'voice.mp3');
  await m.until(() => row(m).state === 'uploading', 'uploading');
  // The PUT has reached storage, which holds it: it is in flight when the phone acts.
  await m.until(() => emu.faults.pending().length === 0, 'the PUT held by storage');
  expect(live.platform.phone.listenerCount).toBe(3);
  live.platform.phone.hide();
  await m.until(() => row(m).state === 'paused', 'paused');
  await m.until(() => waitingLine(m) !== null, 'the waiting line');
  expect(waitingLine(m)).toBe('Paused in the background; resumes when the app is back');
  // WeChat cuts the PUT once the background grace is over.
  await m.until(() => live.platform.phone.inFlight === 0, 'the PUT cut');
  live.platform.phone.show();
  await m.until(() => m.of('complete').length === 1, 'complete', 10000);
  expect(m.of('fail')).toEqual([]);
  expect(m.of('success')).toHaveLength(1);
  const stored = emu.objects().filter((o) => o.key.includes(String(m.of('success')[0].userResourceName)));
  expect(stored).toHaveLength(1);
  expect(Buffer.compare(emu.readObject(stored[0].key), bytes)).toBe(0);
  await m.until(() => waitingLine(m) === null, 'the waiting line gone');
  // The last upload settled: every on* the package registered has had its off*.
  expect(live.platform.phone.listenerCount).toBe(0);
  m.detach();
});

test('offline: the file waits for the network (in Chinese by default), and goes when it returns', async () => {
  const m = mountUploader(simulate, uploaderId, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint });
  emu.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 3000 });
  pick(m, 'pack.bin');
  await m.until(() => row(m).state === 'uploading', 'uploading');
  // The PUT has reached storage, which holds it: it is in flight when the phone acts.
  await m.until(() => emu.faults.pending().length === 0, 'the PUT held by storage');
  live.platform.phone.goOffline();
  await m.until(() => waitingLine(m) !== null, 'the waiting line');
  expect(row(m)).toMatchObject({ state: 'paused', waitingFor: 'network' });
  expect(waitingLine(m)).toBe('等待网络，恢复后自动继续');
  live.platform.phone.goOnline();
  await m.until(() => m.of('complete').length === 1, 'complete', 10000);
  expect(m.of('fail')).toEqual([]);
  expect(m.of('complete')).toEqual([{ succeeded: 1, failed: 0 }]);
  expect(live.platform.phone.listenerCount).toBe(0);
  m.detach();
});

test('detaching while files wait takes every listener off', async () => {
  const m = mountUploader(simulate, uploaderId, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint });
  live.platform.phone.goOffline();
  pick(m, 'a.bin');
  await m.until(() => row(m).state === 'paused', 'paused');
  expect(live.platform.phone.listenerCount).toBe(3);
  m.detach();
  expect(live.platform.phone.listenerCount).toBe(0);
  live.platform.phone.goOnline();
});

test('the waiting line is a polite live status, labelled with the file and the reason', () => {
  const wxml = fs.readFileSync(path.join(ROOT, 'components/resource-uploader/index.wxml'), 'utf8');
  const tag = /<view[^>]*class="ru-waiting[^>]*>/.exec(wxml);
  expect(tag).not.toBeNull();
  expect(tag![0]).toMatch(/aria-role="status"/);
  expect(tag![0]).toMatch(/aria-live="polite"/);
  expect(tag![0]).toMatch(/aria-label="\{\{ name \}\}: \{\{ texts\.waitingFor\[waitingFor\] \}\}"/);
});

test('min-upload-rate: an unusable value is an InvalidOption naming it, and a usable one reaches the PUT', async () => {
  const m = mountUploader(simulate, uploaderId, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, locale: 'en', minUploadRate: -5 });
  await m.until(() => m.of('error').length === 1, 'the error event');
  expect(m.of('error')[0]).toEqual({ code: 'InvalidOption', message: 'The property min-upload-rate is unusable (-5): it takes bytes per second, more than 0 (0: the default)', errMsg: '' });
  m.set({ minUploadRate: 1000 });
  const timeouts: number[] = [];
  const request = live.platform.request;
  live.platform.request = (req) => {
    if (req.method === 'PUT') timeouts.push(req.timeoutMs);
    return request(req);
  };
  pick(m, 'small.bin');
  await m.until(() => m.of('complete').length === 1, 'complete', 10000);
  // 60 s + 20000 bytes at 1000 bytes/s.
  expect(timeouts).toEqual([80000]);
  m.detach();
});

test('a paused file keeps its cancel button: the user may still give up on it', async () => {
  const m = mountUploader(simulate, uploaderId, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, deletable: false });
  live.platform.phone.goOffline();
  pick(m, 'later.bin');
  await m.until(() => row(m).state === 'paused', 'paused');
  await m.until(() => !!m.uploader.querySelector('.ru-cancel'), 'the cancel button');
  m.uploader.querySelector('.ru-cancel')!.dispatchEvent('tap');
  await m.until(() => row(m).state === 'aborted', 'aborted');
  expect(m.of('fail')).toEqual([expect.objectContaining({ code: 'Aborted', retryable: false })]);
  expect(live.platform.phone.listenerCount).toBe(0);
  live.platform.phone.goOnline();
  m.detach();
});

test('SPEC 0.3: a batch that ended while hidden leaves nothing waiting; after the show a file chosen starts at once', async () => {
  // A grace long enough for the PUT to end while the app is hidden.
  live.restore();
  live = new LiveWx({ phone: { backgroundGraceMs: 5000 } });
  const m = mountUploader(simulate, uploaderId, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, locale: 'en', maxCount: 3 });
  emu.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 300 });
  pick(m, 'first.bin');
  await m.until(() => emu.faults.pending().length === 0, 'the PUT held by storage');
  live.platform.phone.hide();
  await m.until(() => m.of('complete').length === 1, 'the batch ended while hidden', 10000);
  expect(m.of('success')).toHaveLength(1);
  // Nothing was due: nobody listens to the show that follows.
  expect(live.platform.phone.listenerCount).toBe(0);
  live.platform.phone.show();

  const requests: number[] = [];
  const request = live.platform.request;
  live.platform.request = (req) => {
    requests.push(Date.now());
    return request(req);
  };
  await m.until(() => !!m.uploader.querySelector('.ru-choose'), 'the trigger');
  const chosen = Date.now();
  pick(m, 'second.bin');
  const second = () => (m.instance.data.items[1] || {}) as Record<string, unknown>;
  await m.until(() => requests.length > 0 || Date.now() - chosen > 1500, 'the first request');
  expect(second().state).not.toBe('paused');
  expect(second().waitingFor).toBeFalsy();
  expect(requests.length).toBeGreaterThan(0);
  expect(requests[0] - chosen).toBeLessThan(1000);
  await m.until(() => m.of('complete').length === 2, 'the second batch', 10000);
  expect(m.of('fail')).toEqual([]);
  expect(waitingLine(m)).toBeNull();
  m.detach();
});
