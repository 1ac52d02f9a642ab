/**
 * @jest-environment jsdom
 *
 * The cost of one successful upload on the view thread: every `setData` the component makes,
 * counted and weighed, from the moment it is attached until the batch has settled. Run on the
 * TypeScript source and on the built `miniprogram_dist` a host installs (on glass-easel: the build).
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as Simulate from 'miniprogram-simulate';
import { ENDPOINT } from '../support/fake-platform';
import { FakeWx } from '../support/fake-wx';
import { glassEaselWorld } from '../support/glass-easel-backend';
import { FRAMEWORK, loadOptions, mountUploader, mountUploaderOnGlassEasel, ROOT, SetDataRecord, tapVantButton, Variant } from '../support/mount-uploader';

const BUDGET = { calls: 12, bytes: 2048 };
const TOKEN = 'tok-budget-0123456789abcdef0123456789abcdef';
const built = fs.existsSync(path.join(ROOT, 'miniprogram_dist/resource-uploader/index.js'));
// glass-easel mounts the build only (glass-easel-backend.ts).
const variants: Variant[] = FRAMEWORK === 'glass-easel' ? ['dist'] : built ? ['src', 'dist'] : ['src'];
const ids: Partial<Record<Variant, string>> = {};
const figures: string[] = [];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = FRAMEWORK === 'simulate' ? (require('miniprogram-simulate') as typeof Simulate) : null;

beforeAll(() => {
  if (!simulate) {
    glassEaselWorld();
    return;
  }
  // One template compilation for both: wcc gets every wxml of the file at once.
  const options = loadOptions(variants);
  ids.src = simulate.load(path.join(ROOT, 'components/resource-uploader/index'), 'resource-uploader', options);
  // vant's scripts must run again to register for the second tree (TOOLCHAIN: resetModules).
  jest.resetModules();
  if (variants.includes('dist')) ids.dist = simulate.load(path.join(ROOT, 'miniprogram_dist/resource-uploader/index'), 'resource-uploader', options);
});

afterAll(() => {
  // The measured figures, for the record (the report quotes them).
  process.stdout.write(`\nsetData per successful upload (${FRAMEWORK}):\n` + figures.map((f) => '  ' + f).join('\n') + '\n');
});

/** Anything that looks like file content: binary buffers, long numeric arrays, or the bytes' text. */
function bytesIn(value: unknown, probes: string[]): string[] {
  const found: string[] = [];
  const walk = (v: unknown, at: string): void => {
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) found.push(`${at}: binary`);
    else if (Array.isArray(v)) {
      if (v.length > 16 && v.every((x) => typeof x === 'number')) found.push(`${at}: ${v.length} numbers`);
      v.forEach((x, i) => walk(x, `${at}[${i}]`));
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
    else if (typeof v === 'string') for (const p of probes) if (v.includes(p)) found.push(`${at}: file text`);
  };
  walk(value, 'data');
  return found;
}

async function oneUpload(variant: Variant, size: number, props: Record<string, unknown> = {}, name = 'voice-prompt.mp3') {
  const wx = new FakeWx();
  try {
    const bytes = new Uint8Array(size).map((_, i) => (i * 131 + 17) & 0xff);
    const file = wx.addFile('wxfile://tmp/' + name, bytes);
    wx.nextPick({ files: [{ ...file, name }] });
    const all = { productId: 'PROD1', accessToken: TOKEN, endpoint: ENDPOINT, ...props };
    const m = simulate ? mountUploader(simulate, ids[variant]!, all) : mountUploaderOnGlassEasel(all);
    tapVantButton(m.uploader, '.ru-choose');
    // Under fake timers the clock is fake too: the delivery check alone takes 5 s of it.
    await m.until(() => m.of('complete').length === 1, 'complete', 60000);
    // Let the last coalesced setData go out.
    await new Promise((r) => setTimeout(r, 20));
    expect(m.of('success')).toHaveLength(1);
    const calls: SetDataRecord[] = m.setDataCalls.slice();
    m.detach();
    const head = Buffer.from(bytes.slice(0, 24));
    const probes = [head.toString('base64'), head.toString('hex'), Buffer.from(bytes.slice(0, 64)).toString('latin1')];
    return { calls, probes, wx };
  } finally {
    wx.restore();
  }
}

describe.each(variants)('%s', (variant) => {
  test.each([
    ['1 KB', 1024],
    ['5 MB', 5 * 1024 * 1024],
  ])(`one successful upload of %s stays within ${BUDGET.calls} calls and ${BUDGET.bytes} bytes, file bytes never included`, async (label, size) => {
    const { calls, probes } = await oneUpload(variant, size);
    const bytes = calls.reduce((sum, c) => sum + c.bytes, 0);
    figures.push(`${variant} ${label}: ${calls.length} calls, ${bytes} bytes (${calls.map((c) => c.bytes).join(' + ')})`);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(BUDGET.calls);
    expect(bytes).toBeLessThanOrEqual(BUDGET.bytes);
    for (const c of calls) expect(bytesIn(c.data, probes)).toEqual([]);
    // Only changed paths after the first: no call re-sends the whole list.
    expect(calls.slice(1).every((c) => !('items' in c.data) && !('files' in c.data))).toBe(true);
  });

  test('the cost does not grow with the file', async () => {
    const small = await oneUpload(variant, 10);
    const large = await oneUpload(variant, 3 * 1024 * 1024);
    expect(large.calls.length).toBe(small.calls.length);
    const total = (cs: SetDataRecord[]) => cs.reduce((s, c) => s + c.bytes, 0);
    // Only the size text differs ("10 B" vs "3 MB").
    expect(Math.abs(total(large.calls) - total(small.calls))).toBeLessThanOrEqual(8);
  });

  test('a photo with its thumbnail and a current file from `files`: the path goes once, never the bytes', async () => {
    const { calls, probes } = await oneUpload(variant, 4096, { accept: 'image', maxCount: 2, files: [{ name: 'current.jpg', size: 10, url: 'https://example.invalid/current.jpg' }] }, 'photo.jpg');
    const bytes = calls.reduce((sum, c) => sum + c.bytes, 0);
    figures.push(`${variant} photo + host file: ${calls.length} calls, ${bytes} bytes`);
    expect(calls.length).toBeLessThanOrEqual(BUDGET.calls);
    expect(bytes).toBeLessThanOrEqual(BUDGET.bytes);
    for (const c of calls) expect(bytesIn(c.data, probes)).toEqual([]);
    const thumbs = calls.map((c) => JSON.stringify(c.data).split('wxfile://tmp/photo.jpg').length - 1);
    expect(thumbs.reduce((a, b) => a + b, 0)).toBe(1);
  });

  test('English, register and deliver: still within budget', async () => {
    jest.useFakeTimers();
    try {
      const run = oneUpload(variant, 2048, { locale: 'en', register: true, deviceId: 'dev-online' });
      let done = false;
      run.then(
        () => (done = true),
        () => (done = true),
      );
      for (let i = 0; i < 120 && !done; i++) await jest.advanceTimersByTimeAsync(500);
      const { calls } = await run;
      const bytes = calls.reduce((sum, c) => sum + c.bytes, 0);
      figures.push(`${variant} en + register + deliver: ${calls.length} calls, ${bytes} bytes (texts ${calls[0].bytes} at attach)`);
      expect(calls.length).toBeLessThanOrEqual(BUDGET.calls);
      expect(bytes).toBeLessThanOrEqual(BUDGET.bytes);
    } finally {
      jest.useRealTimers();
    }
  });
});
