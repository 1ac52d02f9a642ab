/**
 * SPEC 0.3 "Waiting holds nothing", over real HTTP to the emulator, the queue (the component's
 * path) on the Node platform's simulated phone: files cut mid-PUT by the background wait holding
 * no request slot, no file bytes (the buffers readFile handed out are counted alive after a full
 * collection) and no share of the memory budget; the host's own `uploadResource` meanwhile ends as
 * it would with nothing waiting; after the show the files read their file again and finish.
 */
import { randomBytes, createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configure, memoryBudget, requestSlots, uploadResource, UploadQueue } from '../../components/core';
import { Emulator, startEmulator } from '../../emulator';
import { createNodePlatform, trackReads } from '../../node-platform';

let emu: Emulator;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waiting-holds-nothing-'));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());
afterEach(() => configure({ requestSlots: 8 }));

function file(name: string, size: number): { path: string; name: string; size: number; md5: string } {
  const bytes = randomBytes(size);
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return { path: p, name, size, md5: createHash('md5').update(bytes).digest('hex') };
}

async function until(predicate: () => boolean, what: string, ms = 10000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('files cut mid-PUT by the background hold no slot, no bytes, no budget; the host’s own upload is not held up', async () => {
  // Two slots, both taken by the component's two PUTs when the app is hidden.
  configure({ requestSlots: 2 });
  const phonePlatform = createNodePlatform({ phone: { backgroundGraceMs: 60 } });
  const reads = trackReads(phonePlatform);
  const queue = new UploadQueue({
    uploadOptions: () => ({ platform: reads.platform, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint }),
    concurrency: 2,
    lifecycle: phonePlatform.lifecycle,
  });
  const fails: string[] = [];
  queue.on('fail', ({ error }) => fails.push(error.code));
  // Storage holds both PUTs long enough for the hide to find them in flight.
  emu.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 3000, count: 2 });
  const files = [file('a.bin', 300000), file('b.bin', 200000)];
  const queued = queue.add(files, true);
  await until(() => emu.faults.pending().length === 0, 'both PUTs held by storage');
  expect(memoryBudget.held).toBe(500000);
  phonePlatform.phone.hide();
  await until(() => queued.every((f) => f.state === 'paused') && phonePlatform.phone.inFlight === 0, 'both PUTs cut, files paused');
  await until(() => requestSlots.inUse === 0 && memoryBudget.held === 0, 'slots and budget given back', 3000);
  expect(await reads.liveBytes()).toBe(0);

  // The host's own call, on its own foreground platform, with a short timeout: it ends as with nothing waiting.
  const host = file('host.bin', 1000);
  const started = Date.now();
  const result = await uploadResource({ platform: createNodePlatform(), filePath: host.path, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, timeout: 3000 });
  expect(result.md5).toBe(host.md5);
  expect(Date.now() - started).toBeLessThan(3000);
  // Still waiting, still holding nothing.
  expect(queued.map((f) => f.state)).toEqual(['paused', 'paused']);
  expect(await reads.liveBytes()).toBe(0);

  const readsBefore = reads.reads;
  phonePlatform.phone.show();
  await until(() => queued.every((f) => f.state === 'done'), 'both files done');
  expect(fails).toEqual([]);
  // Each read its file again after the wait; no retry was counted.
  expect(reads.reads).toBe(readsBefore + 2);
  expect(queued.map((f) => f.attempts)).toEqual([1, 1]);
  const stored = emu.objects();
  for (const f of files) expect(stored.filter((o) => o.md5 === f.md5)).toHaveLength(1);
  expect(memoryBudget.held).toBe(0);
  queue.destroy();
}, 30000);

test('a file that changed while it waited offline fails FileReadError, and nothing of the changed file is stored', async () => {
  const phonePlatform = createNodePlatform({ phone: { backgroundGraceMs: 60 } });
  const queue = new UploadQueue({
    uploadOptions: () => ({ platform: phonePlatform, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint }),
    lifecycle: phonePlatform.lifecycle,
  });
  const fails: string[] = [];
  queue.on('fail', ({ error }) => fails.push(error.code));
  emu.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 3000 });
  const f = file('c.bin', 100000);
  const [q] = queue.add([f], true);
  await until(() => emu.faults.pending().length === 0, 'the PUT held by storage');
  phonePlatform.phone.goOffline();
  await until(() => q.state === 'paused' && memoryBudget.held === 0, 'paused, bytes dropped');
  const changed = randomBytes(f.size);
  fs.writeFileSync(f.path, changed);
  phonePlatform.phone.goOnline();
  await until(() => q.state === 'failed', 'failed');
  expect(fails).toEqual(['FileReadError']);
  const changedMd5 = createHash('md5').update(changed).digest('hex');
  expect(emu.objects().filter((o) => o.md5 === changedMd5 || o.md5 === f.md5)).toEqual([]);
  queue.destroy();
}, 30000);
