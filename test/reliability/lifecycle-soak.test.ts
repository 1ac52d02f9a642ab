/**
 * @jest-environment jsdom
 *
 * Soak of the life cycle: 300 uploads through one mounted `<resource-uploader>` (WeChat's
 * compiler, real vant, its unchanged WeChat binding bridged to real HTTP on the emulator), in
 * batches of ten, while the phone goes to the background and back and loses and regains its
 * network at random moments. Every upload is stored once, byte for byte, with no `fail` event;
 * and nothing is left: no life-cycle listener on the phone, no timer or socket, no file bytes.
 */
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as simulate from 'miniprogram-simulate';
import { Emulator, startEmulator } from '../../emulator';
import { loadOptions, mountUploader, ROOT, tapVantButton } from '../support/mount-uploader';
import { collector, resources, resourcesLeftOver, sleep } from './leak-checks';
import { LiveWx } from './live-wx';

const UPLOADS = 300;
const BATCH = 10;
const GRACE_MS = 15;
const MiB = 1 << 20;


/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

let emu: Emulator;
let dir: string;
let uploaderId: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecycle-soak-'));
  uploaderId = simulate.load(path.join(ROOT, 'components/resource-uploader/index'), 'resource-uploader', loadOptions(['src']));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test(`${UPLOADS} uploads with hide/show and offline/online toggles: all stored once, no fail, nothing left behind`, async () => {
  const gc = collector();
  const rand = random(12);
  await sleep(100);
  const before = resources();
  const agent = new http.Agent({ keepAlive: true });
  const live = new LiveWx({ httpAgent: agent, phone: { backgroundGraceMs: GRACE_MS } });
  const phone = live.platform.phone;
  const m = mountUploader(simulate, uploaderId, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, maxCount: BATCH, concurrency: 3 });
  let stored = 0;
  let paused = 0;
  let toggles = 0;
  let baselineBuffers = -1;

  for (let batch = 0; batch < UPLOADS / BATCH; batch++) {
    const files = Array.from({ length: BATCH }, (_, i) => {
      const bytes = randomBytes(8192 + Math.floor(rand() * 40000));
      const file = path.join(dir, `b${batch}-${i}.bin`);
      fs.writeFileSync(file, bytes);
      return { path: file, size: bytes.length, name: `b${batch}-${i}.bin`, bytes };
    });
    live.chooser.nextPick({ files: files.map(({ path: p, size, name }) => ({ path: p, size, name })) });
    const completes = m.of('complete').length;
    tapVantButton(m.uploader, '.ru-choose');
    // The phone misbehaves until the batch is done: short stays in the background, short outages.
    while (m.of('complete').length === completes) {
      const r = rand();
      if (r < 0.15) phone.hidden ? phone.show() : phone.hide();
      else if (r < 0.3) phone.online ? phone.goOffline() : phone.goOnline();
      if (r < 0.3) toggles++;
      paused += m.instance.data.items.filter((f) => f.state === 'paused').length ? 1 : 0;
      await sleep(10 + Math.floor(rand() * 30));
      // Never leave it blocked for long: the batch must be able to end.
      if (rand() < 0.6) {
        phone.show();
        phone.goOnline();
      }
    }
    phone.show();
    phone.goOnline();

    expect(m.of('fail')).toEqual([]);
    const successes = m.of('success');
    expect(successes).toHaveLength(BATCH);
    for (const s of successes) {
      const f = files.find((x) => x.name === s.name)!;
      expect(s.md5).toBe(createHash('md5').update(f.bytes).digest('hex'));
      const objects = emu.objects().filter((o) => o.key.includes(String(s.userResourceName)));
      expect(objects).toHaveLength(1);
      expect(Buffer.compare(emu.readObject(objects[0].key), f.bytes)).toBe(0);
      stored++;
    }
    // The batch settled: every on* the package registered has had its off*.
    expect(phone.listenerCount).toBe(0);
    expect(phone.inFlight).toBe(0);
    m.instance.clear();
    m.events.length = 0;
    m.setDataCalls.length = 0;
    live.chooser.chooserCalls.length = 0;
    for (const f of files) fs.unlinkSync(f.path);
    await emu.reset();
    if (batch === 1) {
      gc();
      gc();
      baselineBuffers = process.memoryUsage().arrayBuffers;
    }
  }
  await sleep(20);
  gc();
  gc();
  const bufferGrowth = (process.memoryUsage().arrayBuffers - baselineBuffers) / MiB;

  expect(stored).toBe(UPLOADS);
  m.detach();
  live.restore();
  agent.destroy();
  // The emulator's side of the closed connections goes a moment later: awaited, bounded.
  const { after, leftOver } = await resourcesLeftOver(before);
  expect(leftOver).toEqual([]);
  expect(phone.listenerCount).toBe(0);
  // A batch holds at most ~0.5 MiB of file bytes; keeping every file's would be ~7 MiB.
  expect(bufferGrowth).toBeLessThan(2);
  expect(toggles).toBeGreaterThan(50);
  expect(paused).toBeGreaterThan(10);
  process.stdout.write(
    `\nlifecycle soak: ${stored} uploads stored once with ${toggles} hide/show or offline/online toggles; ` +
      `${paused} looks found files paused; ArrayBuffers growth ${bufferGrowth.toFixed(2)} MiB; resources ${JSON.stringify(before)} → ${JSON.stringify(after)}\n`,
  );
}, 180000);
