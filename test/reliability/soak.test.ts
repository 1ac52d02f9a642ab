/**
 * @jest-environment jsdom
 *
 * Soak: hundreds of uploads, one after another, through one mounted `<resource-uploader>` (a page
 * left open), rendered by miniprogram-simulate with WeChat's official compiler and the real vant
 * parts. Its unchanged WeChat binding talks real HTTP to the emulator through a `wx` bridge, and
 * reads real files. Every upload must succeed and be stored byte for byte; the heap must not grow
 * with the count; and nothing may outlive the page: no timer, socket or file handle, no queue
 * listener added per upload, no abort hook left on a settled upload, no setData after detach.
 */
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as simulate from 'miniprogram-simulate';
import { AbortScope, QueueEvents, UploadQueue } from '../../components/core';
import { Emulator, startEmulator } from '../../emulator';
import { loadOptions, mountUploader, ROOT } from '../support/mount-uploader';
import { collector, resources, resourcesLeftOver, sleep } from './leak-checks';
import { LiveWx, pickAndUpload } from './live-wx';

/** Uploads counted by the soak, after a warm-up that fills JIT, jsdom and style caches. */
const SOAKED = 300;
const WARMUP = 20;
/** The emulator keeps a call log and an object index: emptied this often so its memory stays flat. */
const RESET_EVERY = 25;
/**
 * Heap growth after a full GC, from the end of the warm-up to the end. Measured here: 0.9–1.6 MiB
 * over 300 uploads (most of it in the first half), 2.3 MiB over 1000 with nothing more after 500;
 * a heap-snapshot diff between upload 100 and 600 showed only V8's compiled code growing (JIT
 * tiering), no object type.
 * A row the page failed to drop costs ~180 KiB (measured: 100 rows kept grew the heap by 18 MiB),
 * so 8 MiB catches such a leak within ~45 uploads, and any leak above ~25 KiB an upload over 300;
 * smaller ones hide in the JIT's noise.
 */
const HEAP_BOUND_MIB = 8;
/**
 * ArrayBuffer memory (off the JS heap: file bytes live here) after a full GC. Measured: flat to
 * the kilobyte. The files below total ~14 MiB, so keeping every file's bytes would cross 4 MiB.
 */
const ARRAY_BUFFER_BOUND_MIB = 4;
const KiB = 1024;
const MiB = 1 << 20;

function memoryAfterGc(gc: () => void): { heap: number; arrayBuffers: number } {
  // Twice: the first pass may only run finalizers that free more on the second.
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

// ——— observation hooks on the core's own classes (they call through unchanged) ———

/** Every abort scope that registered a stopper since the last check: one per upload. */
const scopes = new Set<AbortScope>();
const originalOnAbort = AbortScope.prototype.onAbort;
/** Queue listeners subscribed and not unsubscribed, over every queue. */
let queueListeners = 0;
const queues = new Set<UploadQueue>();
const originalOn = UploadQueue.prototype.on;

function observeCore(): void {
  AbortScope.prototype.onAbort = function (this: AbortScope, fn: () => void) {
    scopes.add(this);
    return originalOnAbort.call(this, fn);
  };
  UploadQueue.prototype.on = function <K extends keyof QueueEvents>(this: UploadQueue, event: K, fn: (e: QueueEvents[K]) => void) {
    queues.add(this);
    queueListeners++;
    const off = originalOn.call<UploadQueue, [K, (e: QueueEvents[K]) => void], () => void>(this, event, fn);
    let on = true;
    return () => {
      if (on) queueListeners--;
      on = false;
      off();
    };
  };
}

function restoreCore(): void {
  AbortScope.prototype.onAbort = originalOnAbort;
  UploadQueue.prototype.on = originalOn;
}

let emu: Emulator;
let dir: string;
let uploaderId: string;
let agent: http.Agent;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  uploaderId = simulate.load(path.join(ROOT, 'components/resource-uploader/index'), 'resource-uploader', loadOptions(['src']));
  observeCore();
});

afterAll(async () => {
  restoreCore();
  if (agent) agent.destroy();
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test(`${SOAKED} sequential uploads through the component: all stored intact, flat heap, nothing left behind`, async () => {
  const gc = collector();
  const started = Date.now();
  // Once the start-up work (the emulator's, jsdom's) has finished: what jest itself holds remains.
  await sleep(100);
  const before = resources();
  // Its own pool (keep-alive, as WeChat reuses connections), so the sockets it holds can be closed at the end.
  agent = new http.Agent({ keepAlive: true });
  const live = new LiveWx({ httpAgent: agent });
  const m = mountUploader(simulate, uploaderId, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint });
  const listenersAtMount = queueListeners;
  expect(queues.size).toBe(1);
  const queue = [...queues][0];

  let succeeded = 0;
  let setDataCalls = 0;
  let setDataAfterDetach = 0;
  let maxStoppersLeft = 0;
  let baseline = { heap: 0, arrayBuffers: 0 };
  let midway = baseline;
  for (let i = 0; i < WARMUP + SOAKED; i++) {
    // Small files of varied size (16–80 KiB); random bytes, so each has its own MD5 and so its own object.
    const bytes = randomBytes(16 * KiB + ((i * 7919) % (64 * KiB)));
    const file = path.join(dir, `voice-${i}.mp3`);
    fs.writeFileSync(file, bytes);
    await pickAndUpload(m, live, [{ path: file, size: bytes.length, name: `voice-${i}.mp3` }]);

    const fails = m.of('fail');
    expect(fails).toEqual([]);
    const [success] = m.of('success');
    expect(success).toBeDefined();
    const md5 = createHash('md5').update(bytes).digest('hex');
    expect(success.md5).toBe(md5);
    const stored = emu.objects().filter((o) => o.key.includes(String(success.userResourceName)));
    expect(stored).toHaveLength(1);
    expect(Buffer.compare(emu.readObject(stored[0].key), bytes)).toBe(0);
    if (i >= WARMUP) succeeded++;

    // A settled upload keeps at most uploadResource's own hook (it dies with its scope); every request and sleep unhooked itself.
    for (const scope of scopes) maxStoppersLeft = Math.max(maxStoppersLeft, scope.pending);
    scopes.clear();

    // The user takes the file off the list: the page keeps no row per upload.
    m.instance.remove(String(success.id));
    expect(m.of('remove')).toHaveLength(1);
    fs.unlinkSync(file);

    // The harness's own records would otherwise grow with the count: tally them and let go.
    setDataCalls += m.setDataCalls.length;
    setDataAfterDetach += m.setDataCalls.filter((c) => c.afterDetach).length;
    m.events.length = 0;
    m.setDataCalls.length = 0;
    live.chooser.chooserCalls.length = 0;

    if ((i + 1) % RESET_EVERY === 0 || i + 1 === WARMUP) await emu.reset();
    if (i + 1 === WARMUP) baseline = memoryAfterGc(gc);
    if (i + 1 === WARMUP + SOAKED / 2) {
      await emu.reset();
      midway = memoryAfterGc(gc);
    }
  }
  // Let the last coalesced setData (the row's removal) go out before measuring.
  await sleep(20);
  await emu.reset();
  const final = memoryAfterGc(gc);

  expect(succeeded).toBe(SOAKED);
  expect(queue.files).toHaveLength(0);
  expect(queue.active).toBe(0);
  expect(queue.batchStatus.open).toBe(false);
  expect(queueListeners).toBe(listenersAtMount);
  expect(maxStoppersLeft).toBeLessThanOrEqual(1);
  expect(live.platform.inFlight).toBe(0);

  m.detach();
  await sleep(50);
  setDataAfterDetach += m.setDataCalls.filter((c) => c.afterDetach).length;
  expect(setDataAfterDetach).toBe(0);
  live.restore();
  // What stays open now is the connection pool standing in for WeChat's; close it and let the server see it.
  agent.destroy();
  // Nothing may be left over (the server's side of the closed connections is awaited, bounded).
  const { after, leftOver } = await resourcesLeftOver(before);
  expect(leftOver).toEqual([]);

  const mib = (n: number) => (n / MiB).toFixed(1);
  const growth = (final.heap - baseline.heap) / MiB;
  const firstHalf = (midway.heap - baseline.heap) / MiB;
  const bufferGrowth = (final.arrayBuffers - baseline.arrayBuffers) / MiB;
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `\nsoak: ${SOAKED} uploads (after ${WARMUP} warm-up) in ${seconds.toFixed(1)} s, ${setDataCalls} setData calls; ` +
      `heap after GC ${mib(baseline.heap)} → ${mib(midway.heap)} → ${mib(final.heap)} MiB ` +
      `(growth ${growth.toFixed(2)} MiB, ${firstHalf.toFixed(2)} of it in the first half; bound ${HEAP_BOUND_MIB}); ` +
      `ArrayBuffers ${mib(baseline.arrayBuffers)} → ${mib(final.arrayBuffers)} MiB (bound +${ARRAY_BUFFER_BOUND_MIB}); ` +
      `most requests in flight ${live.platform.maxInFlight}; abort hooks left per settled upload ≤ ${maxStoppersLeft}; ` +
      `event-loop resources before → after ${JSON.stringify(before)} → ${JSON.stringify(after)}\n`,
  );
  expect(growth).toBeLessThan(HEAP_BOUND_MIB);
  expect(bufferGrowth).toBeLessThan(ARRAY_BUFFER_BOUND_MIB);
  process.stdout.write(`reliability: ${SOAKED} uploads soaked\n`);
}, 120000);
