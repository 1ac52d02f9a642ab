/**
 * Weak signal, both sides of the edge, against the emulator's slow PUT (it reads the body at a
 * set rate, as a thin uplink would). Scaled down so it runs in seconds: a 64 KiB file, a 300 ms
 * base timeout and minUploadRate 32 KiB/s give the PUT 300 + 2000 ms.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { UploadResourceOptions } from '../../components/core';
import { Emulator, startEmulator } from '../../emulator';
import { createNodePlatform } from '../../node-platform';
import { guardAgainstLeaks, observeUpload } from '../support/observe';

const SIZE = 65536;
const MIN_RATE = 32768;
const BASE_TIMEOUT = 300;

let emu: Emulator;
let dir: string;
let filePath: string;
let bytes: Buffer;
const platform = createNodePlatform();
const emitted = guardAgainstLeaks(() => [emu.token]);

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slow-put-'));
  filePath = path.join(dir, 'voice-pack.bin');
  bytes = randomBytes(SIZE);
  fs.writeFileSync(filePath, bytes);
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

function options(extra: Partial<UploadResourceOptions> = {}): UploadResourceOptions {
  return { platform, filePath, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, timeout: BASE_TIMEOUT, minUploadRate: MIN_RATE, retries: 0, locale: 'en', ...extra };
}

function storedBytes(): Buffer[] {
  return emu.objects().map((o) => emu.readObject(o.key));
}

test('a link faster than minUploadRate stores the file (2.3 s allowed, ~1 s needed)', async () => {
  emu.faults.inject({ target: 'bucket', kind: 'slowPut', bytesPerSecond: MIN_RATE * 2 });
  const started = Date.now();
  const outcome = await observeUpload(emitted, options());
  expect(outcome.error).toBeUndefined();
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  expect(storedBytes()).toEqual([bytes]);
}, 15000);

test('a link slower than minUploadRate times out: "too slow for this file", retryable, nothing stored', async () => {
  emu.faults.inject({ target: 'bucket', kind: 'slowPut', bytesPerSecond: MIN_RATE / 2 });
  const started = Date.now();
  const outcome = await observeUpload(emitted, options());
  const took = Date.now() - started;
  expect(outcome.error).toMatchObject({ code: 'Timeout', retryable: true });
  expect(outcome.error!.message).toBe('The connection was too slow to upload this file (64 KB) in time; try again on a faster network such as Wi-Fi');
  // Cut at the allowance (300 + 2000 ms), not when the 4 s body would have ended.
  expect(took).toBeGreaterThanOrEqual(BASE_TIMEOUT + 2000);
  expect(took).toBeLessThan(3800);
  expect(storedBytes()).toEqual([]);
}, 15000);

test('the same slow link succeeds when the host accepts a slower minimum', async () => {
  emu.faults.inject({ target: 'bucket', kind: 'slowPut', bytesPerSecond: MIN_RATE / 2 });
  const outcome = await observeUpload(emitted, options({ minUploadRate: MIN_RATE / 4 }));
  expect(outcome.error).toBeUndefined();
  expect(storedBytes()).toEqual([bytes]);
}, 15000);
