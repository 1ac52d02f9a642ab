/**
 * The unchanged core on Node, over real sockets, against the emulator (issue 3's acceptance):
 * what the bucket stores is what the user picked, and every recovery path works for real.
 */
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setAccessTokenProvider, uploadResource } from '../../components/core';
import type { Platform, UploadResourceOptions } from '../../components/core';
import { ApiCall, Emulator, startEmulator } from '../../emulator';
import { createNodePlatform } from '../../node-platform';
import { guardAgainstLeaks, observeUpload } from '../support/observe';

let emu: Emulator;
let dir: string;
const platform = createNodePlatform();
// Every signature the emulator issued must be absent from all the suite emitted.
const emitted = guardAgainstLeaks(() => [emu.token, ...issuedSignatures]);

beforeAll(async () => {
  emu = await startEmulator({ port: 0, deliveryDelayMs: 30 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-http-'));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(issuedSignatures.length).toBeGreaterThan(10);
});
beforeEach(() => emu.reset());

const issuedSignatures: string[] = [];
/** Watches the PUT URLs going out so the leak check knows every signature that was in play. */
const watching: Platform = {
  ...platform,
  request: (req) => {
    const m = /q-signature%3D([0-9a-f]+)/.exec(req.url);
    if (m) issuedSignatures.push(m[1]);
    return platform.request(req);
  },
};

function fileOf(name: string, bytes: Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

function options(filePath: string, extra: Partial<UploadResourceOptions> = {}): UploadResourceOptions {
  return { platform: watching, filePath, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, retryDelay: 5, ...extra };
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const bucketPuts = () => emu.calls.filter((c) => c.type === 'bucket' && c.method === 'PUT');
const apiCalls = (action: string) => emu.calls.filter((c): c is ApiCall => c.type === 'api' && c.action === action);

describe('stored bytes are the file', () => {
  test.each([
    ['1 B', 1],
    ['1 MiB', 1 << 20],
    ['50 MiB', 50 << 20],
  ])('%s: byte-identical, ETag is the MD5', async (_n, size) => {
    const bytes = randomBytes(size);
    const out = await observeUpload(emitted, options(fileOf(`f${size}.bin`, bytes)));
    expect(out.error).toBeUndefined();
    expect(out.result!.md5).toBe(md5(bytes));
    const [object] = emu.objects();
    expect(emu.objects()).toHaveLength(1);
    expect(object.size).toBe(size);
    expect(object.md5).toBe(md5(bytes));
    expect(object.contentType).toBe('application/octet-stream');
    expect(Buffer.compare(emu.readObject(object.key), bytes)).toBe(0);
    expect(object.key).toContain(`_${emu.productId}_USER_`);
    expect(object.key).toContain(`_RES_${md5(bytes)}_0.0.1`);
  }, 60000);

  test('0 B is refused before any call', async () => {
    const out = await observeUpload(emitted, options(fileOf('empty.mp3', Buffer.alloc(0))));
    expect(out.error!.code).toBe('EmptyFile');
    expect(emu.calls).toHaveLength(0);
  });

  test('the content type follows the file name', async () => {
    await observeUpload(emitted, options(fileOf('tone.wav', randomBytes(100))));
    expect(emu.objects()[0].contentType).toBe('audio/wav');
  });
});

test.each(['code', 'response'] as const)('the %s envelope', async (envelope) => {
  emu.configure({ envelope });
  const out = await observeUpload(emitted, options(fileOf('e.bin', randomBytes(10)), { resourceName: 'env_' + envelope }));
  expect(out.error).toBeUndefined();
  expect(out.result!.resourceName).toBe(`USER_${emu.uid}_RES_env_${envelope}`);
  expect(out.result!.requestId).toBe(apiCalls('AppGetResourceUploadURL')[0].requestId);
});

test('an expired URL is fetched again and the file stored', async () => {
  emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'expiredUrl', count: 1 });
  const bytes = randomBytes(2048);
  const out = await observeUpload(emitted, options(fileOf('x.bin', bytes)));
  expect(out.error).toBeUndefined();
  expect(apiCalls('AppGetResourceUploadURL')).toHaveLength(2);
  expect(bucketPuts().map((c) => c.errorCode)).toEqual(['AccessDenied', undefined]);
  expect(out.result!.requestId).toBe(apiCalls('AppGetResourceUploadURL')[1].requestId);
  expect(Buffer.compare(emu.readObject(emu.objects()[0].key), bytes)).toBe(0);
});

test('an invalid token is renewed through the provider', async () => {
  emu.revokeToken(emu.token);
  const fresh = 'fresh-token-from-login-0123456789';
  emu.addToken(fresh);
  const reasons: string[] = [];
  setAccessTokenProvider(({ reason }) => {
    reasons.push(reason);
    return fresh;
  });
  const out = await observeUpload(emitted, options(fileOf('t.bin', randomBytes(10)), { accessToken: 'stale-token-0123456789abcdef' }));
  expect(out.error).toBeUndefined();
  expect(reasons).toEqual(['invalid']);
  expect(apiCalls('AppGetResourceUploadURL').map((c) => c.errorCode)).toEqual(['InvalidParameterValue.InvalidAccessToken', undefined]);
  expect(emitted.leaks([fresh, 'stale-token-0123456789abcdef'])).toEqual([]);
});

describe('transient faults are retried', () => {
  test('token API 5xx and a dropped connection', async () => {
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'http5xx', count: 1 });
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'drop', count: 1 });
    const out = await observeUpload(emitted, options(fileOf('r.bin', randomBytes(10))));
    expect(out.error).toBeUndefined();
    expect(apiCalls('AppGetResourceUploadURL')).toHaveLength(3);
    expect(new Set(apiCalls('AppGetResourceUploadURL').map((c) => c.requestId)).size).toBe(3);
  });

  test('bucket 5xx then a dropped connection', async () => {
    emu.faults.inject({ target: 'bucket', kind: 'http5xx', count: 1 });
    emu.faults.inject({ target: 'bucket', kind: 'drop', count: 1 });
    const bytes = randomBytes(64 * 1024);
    const out = await observeUpload(emitted, options(fileOf('b.bin', bytes)));
    expect(out.error).toBeUndefined();
    expect(bucketPuts()).toHaveLength(3);
    expect(Buffer.compare(emu.readObject(emu.objects()[0].key), bytes)).toBe(0);
  });

  test('a fault that outlasts the retries fails retryable, and a retry later succeeds', async () => {
    emu.faults.inject({ target: 'bucket', kind: 'drop', count: 3 });
    const file = fileOf('d.bin', randomBytes(10));
    const out = await observeUpload(emitted, options(file));
    expect(out.error).toMatchObject({ code: 'NetworkError', retryable: true, requestId: '' });
    expect(emu.objects()).toHaveLength(0);
    const again = await observeUpload(emitted, options(file));
    expect(again.error).toBeUndefined();
    expect(emu.objects()).toHaveLength(1);
  });
});

test('a tampered URL fails Storage.SignatureDoesNotMatch and is not retried', async () => {
  const tampering: Platform = {
    ...watching,
    // Flip one hex digit of q-signature on the way out, as a broken proxy would.
    request: (req) =>
      watching.request(req.method === 'PUT' ? { ...req, url: req.url.replace(/(q-signature%3D)([0-9a-f])/, (_m, p, c) => p + (c === '0' ? '1' : '0')) } : req),
  };
  const out = await observeUpload(emitted, { ...options(fileOf('s.bin', randomBytes(10))), platform: tampering });
  expect(out.error).toMatchObject({ code: 'Storage.SignatureDoesNotMatch', retryable: false });
  expect(out.error!.requestId).not.toBe('');
  expect(bucketPuts()).toHaveLength(1);
  expect(emu.objects()).toHaveLength(0);
});

describe('register and deliver', () => {
  test('to an online device ends "delivered"', async () => {
    const out = await observeUpload(emitted, options(fileOf('ring.mp3', randomBytes(500)), { resourceName: 'ring', deviceId: emu.devices.online, deliveryPollInterval: 20, deliveryTimeout: 2000 }));
    expect(out.error).toBeUndefined();
    expect(out.result).toMatchObject({ resourceName: `USER_${emu.uid}_RES_ring`, delivery: 'delivered' });
    const order = emu.calls.map((c) => (c.type === 'api' ? c.action : 'PUT'));
    expect(order.slice(0, 4)).toEqual(['AppGetResourceUploadURL', 'PUT', 'AppCreateProductResource', 'AppControlDeviceResource']);
    expect(order.slice(4).every((a) => a === 'AppDescribeDeviceResource')).toBe(true);
  });

  test('to an offline device ends "pending" when the limit passes', async () => {
    const out = await observeUpload(emitted, options(fileOf('ring2.mp3', randomBytes(500)), { deviceId: emu.devices.offline, deliveryPollInterval: 1000, deliveryTimeout: 1700 }));
    expect(out.error).toBeUndefined();
    expect(out.result!.delivery).toBe('pending');
    // SPEC 0.2: a real deadline; the first poll within 1 s, then one a second.
    expect(apiCalls('AppDescribeDeviceResource')).toHaveLength(2);
  });

  test('register only: the emulator checks size and MD5 of the stored object', async () => {
    const out = await observeUpload(emitted, options(fileOf('reg.bin', randomBytes(300)), { register: true }));
    expect(out.error).toBeUndefined();
    expect(apiCalls('AppCreateProductResource')[0].errorCode).toBeUndefined();
  });
});

test('abort stops a PUT the bucket is still receiving', async () => {
  emu.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 5000, count: 1 });
  const task = uploadResource(options(fileOf('slow.bin', randomBytes(1 << 20))));
  const failed = task.catch((e) => e);
  while (bucketPuts().length === 0) await new Promise((r) => setTimeout(r, 5));
  task.abort();
  const err = await failed;
  expect(err.code).toBe('Aborted');
  expect(platform.inFlight).toBe(0);
  expect(emu.objects()).toHaveLength(0);
  emitted.add(err);
});
