/**
 * The queue over the real `uploadResource`, on the scripted cloud of FakePlatform.
 */
import { clampConcurrency, FileState, messageFor, QueueEvents, QueueUploadOptions, stepsFor, UploadError, UploadQueue, uploadResource } from '../../components/core';
import type { UploadResourceOptions, UploadTask } from '../../components/core';
import { cosError, ENDPOINT, FakePlatform, md5Hex, SEED_SIGNATURE } from '../support/fake-platform';

const TOKEN = 'tok-queue-0123456789abcdef0123456789';

type Logged = { [K in keyof QueueEvents]: { type: K; event: QueueEvents[K] } }[keyof QueueEvents];

function setup(options: Partial<QueueUploadOptions> & { concurrency?: number } = {}) {
  const platform = new FakePlatform();
  const { concurrency, ...rest } = options;
  const base: QueueUploadOptions = { platform, productId: 'PROD1', accessToken: TOKEN, endpoint: ENDPOINT, retryDelay: 1, ...rest };
  const queue = new UploadQueue({ uploadOptions: () => base, concurrency });
  const log: Logged[] = [];
  const types: Array<keyof QueueEvents> = ['add', 'state', 'progress', 'success', 'fail', 'remove', 'complete'];
  for (const type of types) queue.on(type, ((event: QueueEvents[typeof type]) => log.push({ type, event } as Logged)) as never);
  let n = 0;
  const file = (size = 64, name?: string) => {
    const bytes = new Uint8Array(size).map((_, i) => (i * 7 + n) & 0xff);
    const path = `wxfile://tmp/f${++n}`;
    platform.addFile(path, bytes);
    return { path, name: name || `file-${n}.bin`, size, bytes };
  };
  const stateTrail = (id: string): FileState[] => {
    // `file.state` is live; rebuild the trail from `previous` and the final state.
    const changes = log.filter((l): l is Extract<Logged, { type: 'state' }> => l.type === 'state' && l.event.file.id === id);
    return changes.length ? changes.map((c) => c.event.previous).concat([changes[changes.length - 1].event.file.state]) : [];
  };
  const waitFor = async (predicate: () => boolean, what: string) => {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > 5000) throw new Error('timed out waiting for ' + what);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  const of = <K extends keyof QueueEvents>(type: K): Array<QueueEvents[K]> => log.filter((l) => l.type === type).map((l) => l.event as QueueEvents[K]);
  return { platform, queue, log, file, stateTrail, waitFor, of, base };
}

test('one file walks every state in order and the batch reports it', async () => {
  const t = setup();
  const f = t.file(100, 'voice.mp3');
  const [qf] = t.queue.add([f], true);
  expect(qf).toMatchObject({ name: 'voice.mp3', size: 100, path: f.path });
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  expect(t.stateTrail(qf.id)).toEqual(['waiting', 'hashing', 'signing', 'uploading', 'done']);
  expect(t.of('success')[0].result).toMatchObject({ name: 'voice.mp3', size: 100, md5: md5Hex(f.bytes) });
  expect(t.of('complete')).toEqual([{ succeeded: 1, failed: 0 }]);
  expect(t.of('progress').map((p) => [p.phase, p.percent])).toEqual([
    ['hashing', 0],
    ['signing', 0],
    ['uploading', 0],
  ]);
  expect(qf.steps).toEqual(['hashing', 'signing', 'uploading']);
  expect(t.queue.files).toHaveLength(1);
});

test('register and device-id add their phases', async () => {
  expect(stepsFor({})).toEqual(['hashing', 'signing', 'uploading']);
  expect(stepsFor({ register: true })).toEqual(['hashing', 'signing', 'uploading', 'registering']);
  expect(stepsFor({ deviceId: 'dev' })).toEqual(['hashing', 'signing', 'uploading', 'registering', 'delivering']);
  const t = setup({ deviceId: 'dev1', deliveryTimeout: 5000 });
  const [qf] = t.queue.add([t.file()], true);
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  expect(t.stateTrail(qf.id)).toEqual(['waiting', 'hashing', 'signing', 'uploading', 'registering', 'delivering', 'done']);
  expect(t.of('success')[0].result.delivery).toBe('delivered');
});

test('without start, files wait until start()', async () => {
  const t = setup();
  const [a, b] = t.queue.add([t.file(), t.file()]);
  await new Promise((r) => setTimeout(r, 20));
  expect([a.state, b.state]).toEqual(['waiting', 'waiting']);
  expect(t.platform.requests).toHaveLength(0);
  t.queue.start();
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  expect(t.of('complete')[0]).toEqual({ succeeded: 2, failed: 0 });
});

test('never more than `concurrency` uploads at once; all finish', async () => {
  const t = setup({ concurrency: 2 });
  let peak = 0;
  t.queue.on('state', () => (peak = Math.max(peak, t.queue.active)));
  const files = t.queue.add([1, 2, 3, 4, 5].map(() => t.file()), true);
  expect(t.queue.active).toBe(2);
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  expect(peak).toBe(2);
  expect(files.every((f) => f.state === 'done')).toBe(true);
  expect(t.of('complete')).toEqual([{ succeeded: 5, failed: 0 }]);
});

test('concurrency is held to 1..9', () => {
  expect([0, 1, 2.5, 9, 10, -3, NaN, undefined].map(clampConcurrency)).toEqual([1, 1, 2, 9, 9, 1, 2, 2]);
  const t = setup({ concurrency: 50 });
  t.queue.add([...Array(12)].map(() => t.file()), true);
  expect(t.queue.active).toBe(9);
  t.queue.abort();
});

test('the options are read when each upload starts', async () => {
  const platform = new FakePlatform();
  platform.addFile('/a', new Uint8Array([1]));
  let productId = 'FIRST';
  const queue = new UploadQueue({ uploadOptions: () => ({ platform, productId, accessToken: TOKEN, endpoint: ENDPOINT }) });
  const [a] = queue.add([{ path: '/a', name: 'a', size: 1 }]);
  productId = 'SECOND';
  queue.start();
  await new Promise<void>((resolve) => queue.on('complete', () => resolve()));
  expect(a.state).toBe('done');
  expect(platform.calls('AppGetResourceUploadURL')[0].json!.ProductId).toBe('SECOND');
});

describe('failures', () => {
  test('a failed file stays, with its error; retry(id) uploads it again and a new batch reports', async () => {
    const t = setup();
    t.platform.script('PUT', cosError(403, 'SignatureDoesNotMatch', 'The signature does not match'));
    const [qf] = t.queue.add([t.file()], true);
    await t.waitFor(() => t.of('complete').length === 1, 'first complete');
    expect(qf.state).toBe('failed');
    expect(qf.phase).toBe('uploading');
    expect(qf.error).toBeInstanceOf(UploadError);
    expect(t.of('fail')[0].error).toMatchObject({ code: 'Storage.SignatureDoesNotMatch', retryable: false });
    expect(t.of('complete')).toEqual([{ succeeded: 0, failed: 1 }]);
    expect(t.queue.files).toEqual([qf]);

    expect(t.queue.retry(qf.id)).toEqual([qf]);
    await t.waitFor(() => t.of('complete').length === 2, 'second complete');
    expect(qf.state).toBe('done');
    expect(qf.error).toBeNull();
    expect(qf.attempts).toBe(2);
    expect(t.of('complete')[1]).toEqual({ succeeded: 1, failed: 0 });
  });

  test('retry() takes every failed file, but not one the user cancelled', async () => {
    const t = setup({ concurrency: 1 });
    t.platform.script('AppGetResourceUploadURL', { status: 400, body: JSON.stringify({ Response: { Error: { Code: 'InvalidParameterValue', Message: 'x' }, RequestId: 'r' } }) });
    t.platform.script('PUT', { hang: true });
    const [bad, cancelled, good] = t.queue.add([t.file(), t.file(), t.file()], true);
    await t.waitFor(() => bad.state === 'failed' && cancelled.state === 'uploading' && t.platform.calls('PUT').length === 1, 'a hanging PUT');
    t.queue.abort(cancelled.id);
    await t.waitFor(() => t.of('complete').length === 1, 'complete');
    expect([bad.state, cancelled.state, good.state]).toEqual(['failed', 'aborted', 'done']);
    expect(t.of('complete')[0]).toEqual({ succeeded: 1, failed: 2 });
    expect(t.queue.retry().map((f) => f.id)).toEqual([bad.id]);
    await t.waitFor(() => t.of('complete').length === 2, 'complete 2');
    expect(bad.state).toBe('done');
    expect(cancelled.state).toBe('aborted');
    expect(t.queue.retry(good.id)).toEqual([]);
    expect(t.queue.retry(cancelled.id)).toEqual([cancelled]);
    await t.waitFor(() => t.of('complete').length === 3, 'complete 3');
    expect(cancelled.state).toBe('done');
    expect(t.of('complete')[2]).toEqual({ succeeded: 1, failed: 0 });
  });

  test('something other than an UploadError still fails the file, visibly', async () => {
    const queue = new UploadQueue({
      uploadOptions: () => ({ productId: 'P', locale: 'en' }),
      upload: () => Object.assign(Promise.reject(new TypeError('bug')), { abort: () => undefined }) as UploadTask,
    });
    const fails: Array<QueueEvents['fail']> = [];
    queue.on('fail', (e) => fails.push(e));
    const [f] = queue.add([{ path: '/x', name: 'x', size: 1 }], true);
    await new Promise((r) => setTimeout(r, 5));
    expect(f.state).toBe('failed');
    expect(fails[0].error).toMatchObject({ code: 'ClientError', retryable: false });
    // Worded at the edge (the component), from the code: a sentence, not the bug's own text.
    expect(messageFor(fails[0].error.code, 'en', fails[0].error.detail)).toMatch(/unexpected/);
  });
});

test('a file whose upload reports no phase yet is not started twice by a second start()', async () => {
  let calls = 0;
  let finish: (r: { name: string; size: number; md5: string }) => void = () => undefined;
  const queue = new UploadQueue({
    uploadOptions: () => ({ productId: 'P' }),
    upload: () => {
      calls++;
      return Object.assign(new Promise<never>((resolve) => (finish = resolve as never)), { abort: () => undefined }) as unknown as UploadTask;
    },
  });
  const [f] = queue.add([{ path: '/x', name: 'x', size: 1 }], true);
  await new Promise((r) => setTimeout(r, 5));
  queue.start();
  queue.start();
  await new Promise((r) => setTimeout(r, 5));
  expect(calls).toBe(1);
  finish({ name: 'x', size: 1, md5: 'd41d8cd98f00b204e9800998ecf8427e' });
  await new Promise((r) => setTimeout(r, 5));
  expect(f.state).toBe('done');
  expect(calls).toBe(1);
});

describe('stopping', () => {
  test('abort(id) stops the request in flight, reports Aborted, and the others go on', async () => {
    const t = setup({ concurrency: 1 });
    t.platform.script('PUT', { hang: true });
    const [a, b] = t.queue.add([t.file(), t.file()], true);
    await t.waitFor(() => a.state === 'uploading' && t.platform.calls('PUT').length === 1, 'hanging PUT');
    t.queue.abort(a.id);
    expect(a.state).toBe('aborted');
    expect(t.platform.aborts).toBe(1);
    expect(t.of('fail')).toHaveLength(1);
    expect(t.of('fail')[0].error).toMatchObject({ code: 'Aborted', requestId: '', retryable: false });
    await t.waitFor(() => t.of('complete').length === 1, 'complete');
    expect(b.state).toBe('done');
    expect(t.of('complete')[0]).toEqual({ succeeded: 1, failed: 1 });
    // The aborted upload's late rejection changes nothing.
    await new Promise((r) => setTimeout(r, 10));
    expect(a.state).toBe('aborted');
    expect(t.of('fail')).toHaveLength(1);
  });

  test('abort() stops everything not settled, waiting files included', async () => {
    const t = setup({ concurrency: 1 });
    t.platform.script('PUT', { hang: true });
    const files = t.queue.add([t.file(), t.file(), t.file()], true);
    await t.waitFor(() => t.platform.calls('PUT').length === 1, 'PUT');
    t.queue.abort();
    expect(files.map((f) => f.state)).toEqual(['aborted', 'aborted', 'aborted']);
    expect(t.of('complete')).toEqual([{ succeeded: 0, failed: 3 }]);
    expect(t.queue.active).toBe(0);
  });

  test('remove(id) of a running file stops it quietly and the batch forgets it', async () => {
    const t = setup({ concurrency: 2 });
    t.platform.script('PUT', { hang: true });
    const [a, b] = t.queue.add([t.file(), t.file()], true);
    await t.waitFor(() => t.platform.calls('PUT').length === 2, 'PUTs');
    const hanging = a.state === 'uploading' ? a : b;
    expect(t.queue.remove(hanging.id)).toBe(true);
    expect(t.platform.aborts).toBe(1);
    expect(t.of('remove').map((r) => r.file.id)).toEqual([hanging.id]);
    expect(t.of('fail')).toHaveLength(0);
    await t.waitFor(() => t.of('complete').length === 1, 'complete');
    expect(t.of('complete')[0]).toEqual({ succeeded: 1, failed: 0 });
    expect(t.queue.files.map((f) => f.id)).toEqual([hanging === a ? b.id : a.id]);
    expect(t.queue.remove('nope')).toBe(false);
  });

  test('clear() empties the list, one remove each', async () => {
    const t = setup();
    t.queue.add([t.file(), t.file(), t.file()]);
    t.queue.clear();
    expect(t.queue.files).toHaveLength(0);
    expect(t.of('remove')).toHaveLength(3);
  });

  test('destroy() aborts what is in flight and nothing is emitted afterwards', async () => {
    const t = setup({ concurrency: 2 });
    t.platform.script('PUT', { hang: true }, { hang: true });
    t.queue.add([t.file(), t.file(), t.file()], true);
    await t.waitFor(() => t.platform.calls('PUT').length === 2, 'PUTs');
    const before = t.log.length;
    t.queue.destroy();
    expect(t.platform.aborts).toBe(2);
    await new Promise((r) => setTimeout(r, 30));
    expect(t.log.length).toBe(before);
    expect(t.platform.calls('AppGetResourceUploadURL')).toHaveLength(2);
    expect(t.queue.add([t.file()], true)).toEqual([]);
  });
});

describe('progress', () => {
  /** An upload that reports progress inside a phase, as a platform with byte progress would. */
  function chattyUpload(clock: { now: number }, steps: Array<[number, 'hashing' | 'uploading', number]>) {
    return (o: UploadResourceOptions): UploadTask => {
      const p = (async () => {
        for (const [advance, phase, percent] of steps) {
          clock.now += advance;
          o.onProgress!({ phase, percent });
          await Promise.resolve();
        }
        return { name: o.name!, path: o.filePath, size: 1, md5: 'x', userResourceName: 'x', resourceName: 'x', resourceVer: '0.0.1', requestId: 'r' };
      })();
      return Object.assign(p, { abort: () => undefined });
    };
  }

  test('moves within a phase are reported at most 4 times a second per file; phase changes always', async () => {
    const clock = { now: 0 };
    const steps: Array<[number, 'hashing' | 'uploading', number]> = [[0, 'hashing', 0], [0, 'hashing', 100], [0, 'uploading', 0]];
    // 3 seconds of byte progress every 50 ms.
    for (let i = 1; i <= 60; i++) steps.push([50, 'uploading', Math.min(99, Math.round((i / 60) * 100))]);
    const queue = new UploadQueue({ uploadOptions: () => ({ productId: 'P' }), upload: chattyUpload(clock, steps), now: () => clock.now });
    const seen: Array<{ t: number; phase: string; percent: number }> = [];
    queue.on('progress', (e) => seen.push({ t: clock.now, phase: e.phase, percent: e.percent }));
    queue.add([{ path: '/x', name: 'x', size: 1 }], true);
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.slice(0, 2).map((s) => s.phase)).toEqual(['hashing', 'uploading']);
    const inPhase = seen.filter((s) => s.phase === 'uploading' && s.percent > 0);
    expect(inPhase.length).toBeGreaterThanOrEqual(10);
    for (let second = 0; second < 3000; second += 1000) {
      expect(inPhase.filter((s) => s.t > second && s.t <= second + 1000).length).toBeLessThanOrEqual(4);
    }
    for (let i = 1; i < inPhase.length; i++) expect(inPhase[i].t - inPhase[i - 1].t).toBeGreaterThanOrEqual(250);
    // The last value got through: a moving bar never freezes on a stale number for long.
    expect(inPhase[inPhase.length - 1].percent).toBeGreaterThanOrEqual(95);
  });
});

test('nothing the queue emits carries the token or the URL signature', async () => {
  const t = setup();
  t.platform.script('PUT', cosError(403, 'SignatureDoesNotMatch', 'sign=' + SEED_SIGNATURE));
  t.queue.add([t.file(), t.file()], true);
  await t.waitFor(() => t.of('complete').length === 1, 'complete');
  const text = JSON.stringify(t.log.map((l) => ({ type: l.type, event: l.event })), (k, v) => (v instanceof Error ? { ...v, message: v.message } : k === 'platform' ? undefined : v));
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(SEED_SIGNATURE);
});

test('the default upload is uploadResource', () => {
  // Guards the wiring the component relies on when it passes nothing else.
  const queue = new UploadQueue({ uploadOptions: () => ({ productId: 'P' }) }) as unknown as { startUpload: unknown };
  expect(queue.startUpload).toBe(uploadResource);
});
