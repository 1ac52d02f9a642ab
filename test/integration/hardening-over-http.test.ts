/**
 * Issue 10 over real sockets against the emulator: hostile answers echoing the token never surface,
 * and endpoints that once dialled another host are refused before any byte is sent.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { uploadResource } from '../../components/core';
import type { UploadResourceOptions } from '../../components/core';
import { Emulator, startEmulator } from '../../emulator';
import { createNodePlatform } from '../../node-platform';
import { Emitted, observeUpload } from '../support/observe';

let emu: Emulator;
let dir: string;
const platform = createNodePlatform();

beforeAll(async () => {
  emu = await startEmulator({ port: 0, deliveryDelayMs: 30 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardening-http-'));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

function fileOf(name: string, size: number): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, Buffer.alloc(size, 7));
  return p;
}

function options(extra: Partial<UploadResourceOptions> = {}): UploadResourceOptions {
  return { platform, filePath: fileOf('a.bin', 100), productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, retryDelay: 5, locale: 'en', ...extra };
}

test('an API error echoing the token (cut, upper-cased, encoded) surfaces none of it', async () => {
  const t = emu.token;
  emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'apiError', code: 'InvalidParameter.' + t.slice(0, 20).toUpperCase(), message: 'token ' + encodeURIComponent(t) + ' bad', status: 400 });
  const emitted = new Emitted();
  const out = await observeUpload(emitted, options());
  expect(out.error!.code.indexOf('InvalidParameter.')).toBe(0);
  expect(emitted.leaks([t])).toEqual([]);
});

test.each([
  (port: number) => `http://evil.example\\@127.0.0.1:${port}/api`,
  (port: number) => `http://evil.example:${port}\\@localhost/api`,
  (port: number) => `http://evil.example\\@[::1]:${port}/api`,
  (port: number) => `http://127.0.0.1:${port}/api\r\n`,
])('endpoint attack %# is InsecureEndpoint and the emulator sees nothing', async (make) => {
  const port = Number(/:(\d+)\//.exec(emu.endpoint)![1]);
  const err = await uploadResource(options({ endpoint: make(port) })).catch((e) => e);
  expect(err).toMatchObject({ code: 'InsecureEndpoint', retryable: false });
  expect(emu.calls).toHaveLength(0);
});

describe('Content-MD5 over real HTTP', () => {
  test('the PUT carries it and the emulator stores the object', async () => {
    const out = await observeUpload(new Emitted(), options({ filePath: fileOf('md5.bin', 4096) }));
    expect(out.error).toBeUndefined();
    expect(emu.objects()).toHaveLength(1);
  });

  test('a body changed on the way (header kept) is refused Storage.BadDigest and nothing is stored', async () => {
    const tampering = {
      ...platform,
      request: (req: Parameters<typeof platform.request>[0]) => {
        if (req.method !== 'PUT') return platform.request(req);
        const changed = (req.body as ArrayBuffer).slice(0);
        new Uint8Array(changed)[0] ^= 0xff;
        return platform.request({ ...req, body: changed });
      },
    };
    const out = await observeUpload(new Emitted(), options({ filePath: fileOf('md5b.bin', 4096), platform: tampering }));
    expect(out.error).toMatchObject({ code: 'Storage.BadDigest', retryable: false });
    expect(emu.objects()).toHaveLength(0);
  });
});

test('deliveryTimeout is a deadline: slow status calls end "pending" at it, not after them', async () => {
  emu.faults.inject({ target: 'AppDescribeDeviceResource', kind: 'delay', delayMs: 4000, count: 5 });
  const started = Date.now();
  const out = await observeUpload(new Emitted(), options({ filePath: fileOf('slow.mp3', 50), deviceId: emu.devices.online, deliveryTimeout: 1500 }));
  expect(out.error).toBeUndefined();
  expect(out.result!.delivery).toBe('pending');
  expect(Date.now() - started).toBeLessThan(3500);
});

test('the first status poll comes within 1 s of AppControlDeviceResource', async () => {
  const started = Date.now();
  const out = await observeUpload(new Emitted(), options({ filePath: fileOf('fast.mp3', 50), deviceId: emu.devices.online }));
  expect(out.result!.delivery).toBe('delivered');
  // The emulator delivers after 30 ms; the default 5 s interval no longer delays the answer.
  expect(Date.now() - started).toBeLessThan(2000);
});
