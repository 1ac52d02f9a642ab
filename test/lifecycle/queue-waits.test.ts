/**
 * The queue over the real `uploadResource` on the scripted cloud of FakePlatform, behind a
 * simulated phone (WeChat's rules: in-flight requests cut `interrupted` after the background
 * grace, new ones refused while hidden; offline, everything fails at once). Files cut by the
 * life cycle wait in `paused` and finish by themselves: no `fail` event, no retry counted.
 */
import { FileState, memoryBudget, QueueEvents, QueueUploadOptions, UploadError, UploadQueue, uploadResource } from '../../components/core';
import type { UploadResourceOptions, UploadTask } from '../../components/core';
import { SimulatedPhone } from '../../node-platform/phone';
import { ENDPOINT, FakePlatform } from '../support/fake-platform';
import { platformBehindPhone } from './behind-phone';

const TOKEN = 'tok-lifecycle-0123456789abcdef012345';

type Logged = { [K in keyof QueueEvents]: { type: K; event: QueueEvents[K] } }[keyof QueueEvents];

function setup(opts: { concurrency?: number; upload?: (o: UploadResourceOptions) => UploadTask; lifecycle?: boolean; resourceName?: string } = {}) {
  const cloud = new FakePlatform();
  const phone = new SimulatedPhone({ backgroundGraceMs: 40 });
  const platform = platformBehindPhone(cloud, phone);
  const base: QueueUploadOptions = { platform, productId: 'PROD1', accessToken: TOKEN, endpoint: ENDPOINT, retryDelay: 1, resourceName: opts.resourceName };
  const queue = new UploadQueue({
    uploadOptions: () => base,
    concurrency: opts.concurrency,
    upload: opts.upload,
    lifecycle: opts.lifecycle === false ? undefined : phone.lifecycle,
  });
  const log: Logged[] = [];
  for (const type of ['add', 'state', 'progress', 'success', 'fail', 'remove', 'complete'] as Array<keyof QueueEvents>) {
    queue.on(type, ((event: QueueEvents[typeof type]) => log.push({ type, event } as Logged)) as never);
  }
  let n = 0;
  const file = (size = 64) => {
    const path = `wxfile://tmp/w${++n}`;
    cloud.addFile(path, new Uint8Array(size).map((_, i) => (i * 13 + n) & 0xff));
    return { path, name: `file-${n}.bin`, size };
  };
  const of = <K extends keyof QueueEvents>(type: K): Array<QueueEvents[K]> => log.filter((l) => l.type === type).map((l) => l.event as QueueEvents[K]);
  const trail = (id: string): FileState[] => {
    const changes = log.filter((l): l is Extract<Logged, { type: 'state' }> => l.type === 'state' && l.event.file.id === id);
    return changes.length ? changes.map((c) => c.event.previous).concat([changes[changes.length - 1].event.file.state]) : [];
  };
  const waitFor = async (predicate: () => boolean, what: string) => {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > 5000) throw new Error('timed out waiting for ' + what + '; events: ' + log.map((l) => l.type).join(','));
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  return { cloud, phone, queue, log, file, of, trail, waitFor };
}

test('a PUT cut by the background waits, and finishes after show with no fail and no retry counted', async () => {
  const t = setup();
  t.cloud.script('PUT', { hang: true });
  const [f] = t.queue.add([t.file()], true);
  await t.waitFor(() => f.state === 'uploading' && t.cloud.calls('PUT').length === 1, 'the PUT');
  expect(t.phone.listenerCount).toBe(3);
  t.phone.hide();
  // Shown as paused at once (the app is in the background)…
  expect([f.state, f.waitingFor]).toEqual(['paused', 'background']);
  expect(t.queue.blockedBy).toBe('background');
  // …and the PUT is cut once the grace runs out.
  await t.waitFor(() => t.cloud.aborts === 1, 'the PUT cut');
  // SPEC 0.3 "Waiting holds nothing": the cut PUT's bytes and their share of the budget are given back while it waits.
  await t.waitFor(() => memoryBudget.held === 0, 'the budget given back');
  expect(t.cloud.readFileCalls).toHaveLength(1);
  t.phone.show();
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  expect(f.state).toBe('done');
  expect(t.of('fail')).toEqual([]);
  expect(f.attempts).toBe(1);
  expect(t.of('complete')).toEqual([{ succeeded: 1, failed: 0 }]);
  // Resumed where it was: the same PUT again to the same URL, no new URL; the file read again (its MD5 checked again).
  expect(t.trail(f.id)).toEqual(['waiting', 'hashing', 'signing', 'uploading', 'paused', 'uploading', 'done']);
  const puts = t.cloud.calls('PUT');
  expect(puts).toHaveLength(2);
  expect(puts[1].url).toBe(puts[0].url);
  expect(puts[1].body).not.toBe(puts[0].body);
  expect(Buffer.from(puts[1].body as ArrayBuffer).equals(Buffer.from(puts[0].body as ArrayBuffer))).toBe(true);
  expect(t.cloud.calls('AppGetResourceUploadURL')).toHaveLength(1);
  expect(t.cloud.readFileCalls).toHaveLength(2);
  expect(memoryBudget.held).toBe(0);
  // Listened to only while the upload was due: every on* has had its off*.
  expect(t.phone.listenerCount).toBe(0);
  expect(t.queue.listening).toBe(false);
});

test('a file changed while it waited in the background fails FileReadError, and nothing of it is sent', async () => {
  const t = setup();
  t.cloud.script('PUT', { hang: true });
  const [f] = t.queue.add([t.file()], true);
  await t.waitFor(() => f.state === 'uploading' && t.cloud.calls('PUT').length === 1, 'the PUT');
  t.phone.hide();
  await t.waitFor(() => t.cloud.aborts === 1 && memoryBudget.held === 0, 'the PUT cut, its bytes dropped');
  // The user's file changes while the app is away (same size, other bytes).
  t.cloud.addFile(f.path, new Uint8Array(f.size).fill(7));
  t.phone.show();
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  expect(f.state).toBe('failed');
  expect(t.of('fail').map((e) => e.error.code)).toEqual(['FileReadError']);
  // Checked before reading: the changed file is neither read nor PUT.
  expect(t.cloud.calls('PUT')).toHaveLength(1);
  expect(t.cloud.readFileCalls).toHaveLength(1);
  expect(memoryBudget.held).toBe(0);
});

test('a PUT that ends within the background grace is not disturbed', async () => {
  const t = setup();
  const [f] = t.queue.add([t.file()], true);
  await t.waitFor(() => f.state === 'uploading', 'uploading');
  t.phone.hide();
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  expect(f.state).toBe('done');
  expect(t.cloud.calls('PUT')).toHaveLength(1);
  t.phone.show();
});

test('files due while the app is hidden wait without a request, then go on show', async () => {
  const t = setup({ concurrency: 1 });
  t.cloud.script('PUT', { hang: true });
  const [a, b, c] = t.queue.add([t.file(), t.file(), t.file()], true);
  await t.waitFor(() => a.state === 'uploading', 'uploading');
  t.phone.hide();
  expect([b.state, b.waitingFor, c.state]).toEqual(['paused', 'background', 'paused']);
  await t.waitFor(() => a.state === 'paused', 'the PUT cut');
  const requests = t.cloud.requests.length;
  await new Promise((r) => setTimeout(r, 60));
  expect(t.cloud.requests.length).toBe(requests);
  t.phone.show();
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  expect([a, b, c].map((f) => [f.state, f.attempts])).toEqual([['done', 1], ['done', 1], ['done', 1]]);
  expect(t.of('fail')).toEqual([]);
  expect(t.phone.listenerCount).toBe(0);
});

test('offline: what runs stops at once and waits for the network, and new files wait too; back online they go in order', async () => {
  const t = setup({ concurrency: 1 });
  t.cloud.script('PUT', { hang: true });
  const [a] = t.queue.add([t.file()], true);
  await t.waitFor(() => a.state === 'uploading', 'uploading');
  t.phone.goOffline();
  expect(a.state).toBe('paused');
  expect(a.waitingFor).toBe('network');
  // Its PUT is stopped at once, not left to time out.
  expect(t.cloud.aborts).toBeGreaterThanOrEqual(1);
  expect(t.phone.inFlight).toBe(0);
  const [b, c] = t.queue.add([t.file(), t.file()], true);
  expect([b.state, c.state]).toEqual(['paused', 'paused']);
  expect(c.waitingFor).toBe('network');
  // Only the cut PUT holds bytes; files that have not started hold none.
  expect(memoryBudget.held).toBe(a.size);
  const started: string[] = [];
  t.queue.on('state', ({ file }) => {
    if (file.state === 'hashing') started.push(file.id);
  });
  const settled: string[] = [];
  t.queue.on('success', ({ file }) => settled.push(file.id));
  t.phone.goOnline();
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  // The one cut mid-PUT goes on where it was; the others start after it, oldest first.
  expect(started).toEqual([b.id, c.id]);
  expect(settled).toEqual([a.id, b.id, c.id]);
  expect([a, b, c].map((f) => [f.state, f.attempts])).toEqual([['done', 1], ['done', 1], ['done', 1]]);
  expect(t.of('fail')).toEqual([]);
  expect(t.phone.listenerCount).toBe(0);
});

test('the app hidden and offline at once says "network"; shown while still offline it keeps waiting', async () => {
  const t = setup();
  t.cloud.script('PUT', { hang: true });
  const [f] = t.queue.add([t.file()], true);
  await t.waitFor(() => f.state === 'uploading', 'uploading');
  t.phone.hide();
  t.phone.goOffline();
  expect([f.state, f.waitingFor]).toEqual(['paused', 'network']);
  t.phone.show();
  await new Promise((r) => setTimeout(r, 60));
  expect([f.state, f.waitingFor]).toEqual(['paused', 'network']);
  t.phone.goOnline();
  await t.waitFor(() => f.state === 'done', 'done');
  expect(t.of('fail')).toEqual([]);
});

test('a failure reported while the network is down counts as waiting, not as a retry', async () => {
  const t = setup();
  // The phone drops the connection before WeChat's network event arrives.
  t.cloud.script('AppGetResourceUploadURL', { transport: 'network' }, { transport: 'network' }, { transport: 'network' });
  const [f] = t.queue.add([t.file()], true);
  await t.waitFor(() => f.state === 'signing', 'signing');
  t.phone.goOffline();
  await t.waitFor(() => f.state === 'paused', 'paused');
  t.phone.goOnline();
  await t.waitFor(() => f.state === 'done', 'done');
  expect(t.of('fail')).toEqual([]);
  expect(f.attempts).toBe(1);
});

test('Interrupted with no hide heard waits for the next onAppShow', async () => {
  let calls = 0;
  const t = setup({
    upload: (o) => {
      calls++;
      if (calls > 1) return uploadResource(o);
      const p = Promise.reject(new UploadError('Interrupted', 'interrupted', { retryable: true })) as UploadTask;
      p.abort = () => undefined;
      return p;
    },
  });
  const [f] = t.queue.add([t.file()], true);
  await t.waitFor(() => f.state === 'paused', 'paused');
  expect(f.waitingFor).toBe('background');
  await new Promise((r) => setTimeout(r, 30));
  expect(calls).toBe(1);
  // WeChat fires onAppShow when the user comes back, whether or not we heard the hide.
  t.phone.hide();
  t.phone.show();
  await t.waitFor(() => f.state === 'done', 'done');
  expect(t.of('fail')).toEqual([]);
});

test('without life-cycle callbacks, failures stay failures (retryable), as in 0.1', async () => {
  const t = setup({ lifecycle: false });
  t.cloud.script('PUT', { hang: true });
  const [f] = t.queue.add([t.file()], true);
  await t.waitFor(() => f.state === 'uploading', 'uploading');
  t.phone.goOffline();
  await t.waitFor(() => f.state === 'failed', 'failed');
  expect(t.of('fail')[0].error).toMatchObject({ code: 'NetworkError', retryable: true });
});

test('a paused file can be cancelled and removed; the listeners go with the last file', async () => {
  const t = setup();
  t.phone.goOffline();
  const [a, b] = t.queue.add([t.file(), t.file()], true);
  await t.waitFor(() => a.state === 'paused' && b.state === 'paused', 'paused');
  expect(t.phone.listenerCount).toBe(3);
  t.queue.abort(a.id);
  expect(a.state).toBe('aborted');
  expect(a.waitingFor).toBeNull();
  t.queue.remove(b.id);
  expect(t.phone.listenerCount).toBe(0);
  t.queue.destroy();
});

test('destroy takes every listener off', async () => {
  const t = setup();
  t.cloud.script('PUT', { hang: true });
  const [f] = t.queue.add([t.file()], true);
  await t.waitFor(() => f.state === 'uploading', 'uploading');
  expect(t.phone.listenerCount).toBe(3);
  t.queue.destroy();
  expect(t.phone.listenerCount).toBe(0);
});

test('a file paused before its start still holds the fixed resource name it will upload under', async () => {
  const t = setup({ concurrency: 1, resourceName: 'voice_1' });
  t.cloud.script('PUT', { hang: true });
  const [a, b] = t.queue.add([t.file(), t.file()], true);
  await t.waitFor(() => a.state === 'uploading', 'uploading');
  t.phone.goOffline();
  expect([a.state, b.state]).toEqual(['paused', 'paused']);
  // Only the running one has taken the name so far; the paused one would take it next.
  expect(t.queue.isResourceNameUsed('voice_1', a.id)).toBe(true);
  t.queue.destroy();
});
