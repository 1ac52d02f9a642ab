/**
 * `getResourceDownloadUrl` on Node, over real sockets, against the emulator: the URL it gives
 * fetches the bytes an upload stored, it fails as the upload-URL call does, and the URL's
 * signature never shows anywhere but in the `url` itself.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getResourceDownloadUrl, setAccessTokenProvider, UploadError, uploadResource } from '../../components/core';
import type { DownloadUrlOptions, DownloadUrlResult, Platform, PlatformRequest } from '../../components/core';
import { ApiCall, Emulator, startEmulator } from '../../emulator';
import { createNodePlatform } from '../../node-platform';
import { guardAgainstLeaks } from '../support/observe';

let emu: Emulator;
let dir: string;
let clock = Date.now();
const node = createNodePlatform();
const signatures: string[] = [];
const emitted = guardAgainstLeaks(() => [emu.token, ...signatures]);

/** Token-API answers can be rewritten by a test (a hostile or broken server), and every signature seen is remembered. */
let rewrite: ((body: string) => string) | null = null;
const platform: Platform = {
  ...node,
  request: (req: PlatformRequest) => {
    const task = node.request(req);
    const response = task.response.then((res) => {
      for (const m of res.body.matchAll(/q-signature%3D([0-9a-f]+)/g)) signatures.push(m[1]);
      return rewrite && req.method === 'POST' ? { ...res, body: rewrite(res.body) } : res;
    });
    return { response, abort: () => task.abort() };
  },
};

const NAME = 'ring';
const VER = '1.2.3';
const bytes = randomBytes(33_333);

beforeAll(async () => {
  emu = await startEmulator({ port: 0, now: () => clock });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'download-url-'));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(signatures.length).toBeGreaterThan(5);
});
beforeEach(async () => {
  await emu.reset();
  emu.configure({ envelope: 'code' });
  rewrite = null;
  clock = Date.now();
  const file = path.join(dir, 'ring.mp3');
  fs.writeFileSync(file, bytes);
  await uploadResource({ platform, filePath: file, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, resourceName: NAME, resourceVer: VER });
  emu.clearCalls();
});

function options(extra: Partial<DownloadUrlOptions> = {}): DownloadUrlOptions {
  return { platform, productId: emu.productId, userResourceName: NAME, resourceVer: VER, accessToken: emu.token, endpoint: emu.endpoint, retryDelay: 5, ...extra };
}

async function ask(extra: Partial<DownloadUrlOptions> = {}): Promise<{ result?: DownloadUrlResult; error?: UploadError }> {
  try {
    const result = await getResourceDownloadUrl(options(extra));
    // The url is the one field that carries the signature, by design; the rest is checked for leaks.
    emitted.add({ requestId: result.requestId });
    return { result };
  } catch (err) {
    if (!(err instanceof UploadError)) throw err;
    emitted.add(err);
    emitted.add(err.toJSON());
    return { error: err };
  }
}

const downloadCalls = () => emu.calls.filter((c): c is ApiCall => c.type === 'api' && c.action === 'AppGetResourceDownloadUrl');

async function fetchBytes(url: string): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

describe('the URL of a stored file', () => {
  test.each(['code', 'response'] as const)('%s envelope: a GET URL whose bytes are the upload, and the RequestId of the call', async (envelope) => {
    emu.configure({ envelope });
    const { result, error } = await ask();
    expect(error).toBeUndefined();
    const [call] = downloadCalls();
    expect(downloadCalls()).toHaveLength(1);
    expect(result!.requestId).toBe(call.requestId);
    expect(result!.url.indexOf(emu.origin + '/')).toBe(0);
    const got = await fetchBytes(result!.url);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body, bytes)).toBe(0);
  });

  test('EffectiveTime goes out only when given, as given; it bounds the URL', async () => {
    await ask();
    expect(downloadCalls()[0].params).toEqual({ ProductId: emu.productId, UserResourceName: NAME, ResourceVer: VER });
    emu.clearCalls();
    const { result } = await ask({ effectiveTime: 60 });
    expect(downloadCalls()[0].params).toEqual({ ProductId: emu.productId, UserResourceName: NAME, ResourceVer: VER, EffectiveTime: 60 });
    expect((await fetchBytes(result!.url)).status).toBe(200);
    clock += 61_000;
    const late = await fetch(result!.url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
  });

  test.each([0, -1, 1.5, 604_801, NaN, Infinity, '60'])('effectiveTime %p is InvalidOption before any request', async (bad) => {
    const { error } = await ask({ effectiveTime: bad as number });
    expect(error!.code).toBe('InvalidOption');
    expect(error!.message).toContain('effectiveTime');
    expect(emu.calls).toHaveLength(0);
  });

  test('options of the wrong type or missing are refused before any request, worded in the locale asked for', async () => {
    expect((await ask({ productId: 42 as unknown as string, locale: 'en' })).error).toMatchObject({ code: 'InvalidOption', message: expect.stringContaining('productId') });
    expect((await ask({ resourceVer: undefined as unknown as string })).error!.code).toBe('InvalidOption');
    expect((await ask({ userResourceName: '' })).error!.code).toBe('InvalidResourceName');
    expect((await ask({ userResourceName: 'a/b' })).error!.code).toBe('InvalidResourceName');
    expect((await ask({ productId: '' })).error!.code).toBe('MissingProductId');
    expect((await ask({ endpoint: 'http://example.com/api' })).error!.code).toBe('InsecureEndpoint');
    expect((await ask({ accessToken: '' })).error!.code).toBe('MissingAccessToken');
    const en = (await ask({ productId: '', locale: 'en' })).error!;
    expect(en.message).toBe('No product ID (product-id) was given, so nothing can be uploaded');
    expect(emu.calls).toHaveLength(0);
  });

  test('nothing stored under the name and version: the server code passes through, with its RequestId', async () => {
    const { error } = await ask({ resourceVer: '9.9.9', locale: 'en' });
    expect(error!.code).toBe('InvalidParameterValue.ResourceNotExist');
    expect(error!.message).toBe('No stored file has this name and version');
    expect(error!.requestId).toBe(downloadCalls()[0].requestId);
    expect(error!.retryable).toBe(false);
  });
});

describe('failures as for the upload URL', () => {
  test('transient faults are retried, each with a fresh RequestId', async () => {
    emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'http5xx', count: 2 });
    const { result } = await ask();
    const ids = downloadCalls().map((c) => c.requestId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(result!.requestId).toBe(ids[2]);
  });

  test('retries run out: the code and retryable of the last answer', async () => {
    emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'apiError', code: 'RequestLimitExceeded', count: 3 });
    const { error } = await ask({ retries: 1 });
    expect(downloadCalls()).toHaveLength(2);
    expect(error).toMatchObject({ code: 'RequestLimitExceeded', retryable: true });
  });

  test('an invalid token: the provider is asked once with reason "invalid" and the call repeated', async () => {
    emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'invalidToken' });
    const reasons: string[] = [];
    setAccessTokenProvider(({ reason }) => {
      reasons.push(reason);
      return emu.token;
    });
    const { result } = await ask();
    expect(reasons).toEqual(['invalid']);
    expect(downloadCalls()).toHaveLength(2);
    expect((await fetchBytes(result!.url)).status).toBe(200);
  });

  test('no token given: the provider is asked with reason "missing"; without a provider an invalid token fails', async () => {
    const reasons: string[] = [];
    setAccessTokenProvider(({ reason }) => {
      reasons.push(reason);
      return emu.token;
    });
    expect((await ask({ accessToken: undefined })).result).toBeDefined();
    expect(reasons).toEqual(['missing']);
    setAccessTokenProvider(null);
    emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'invalidToken' });
    expect((await ask()).error!.code).toBe('InvalidParameterValue.InvalidAccessToken');
  });

  test('an answer without DownloadUrl, or with a URL that is not allowed, is InvalidResponse', async () => {
    rewrite = (body) => body.replace(/"DownloadUrl":"[^"]*",?/, '');
    expect((await ask()).error!.code).toBe('InvalidResponse');
    for (const bad of ['javascript:alert(1)', 'http://evil.example/x?sign=q-signature%3Dabcdef0123456789abcdef', 'ftp://127.0.0.1/x']) {
      rewrite = (body) => body.replace(/"DownloadUrl":"[^"]*"/, `"DownloadUrl":${JSON.stringify(bad)}`);
      const { error } = await ask();
      expect(error!.code).toBe('InvalidResponse');
      expect(error!.requestId).toBe(downloadCalls().slice(-1)[0].requestId);
    }
  });

  test('not JSON: InvalidResponse; HTTP 502 without a body code: retried, then HttpError', async () => {
    emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'malformedJson' });
    expect((await ask({ retries: 0 })).error!.code).toBe('InvalidResponse');
    rewrite = () => 'Bad gateway';
    emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'http5xx', status: 502, count: 5 });
    expect((await ask({ retries: 0 })).error!.code).toBe('HttpError');
  });

  test('abort() rejects with Aborted', async () => {
    emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'delay', delayMs: 2000 });
    const task = getResourceDownloadUrl(options());
    setTimeout(() => task.abort(), 50);
    await expect(task).rejects.toMatchObject({ code: 'Aborted' });
  });
});

describe('the signature is a secret', () => {
  test('a server that echoes the URL in its RequestId: replaced by the RequestId sent, on success and on InvalidResponse', async () => {
    const signatureOf = (body: string) => /q-signature%3D([0-9a-f]+)/.exec(body)![1];
    rewrite = (body) => body.replace(/"RequestId":"[^"]*"/, `"RequestId":${JSON.stringify('id-' + signatureOf(body))}`);
    const echoed = (await ask()).result!;
    expect(echoed.requestId).toBe(downloadCalls()[0].requestId);
    expect(echoed.url).toContain(signatureOf(echoed.url));
    // A URL refused (neither https nor loopback) whose whole text comes back as the RequestId.
    rewrite = (body) => {
      const url = (JSON.parse(body) as { data: { DownloadUrl: string } }).data.DownloadUrl;
      return JSON.stringify({ code: 0, msg: '', data: { DownloadUrl: url.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'http://evil.example'), RequestId: url } });
    };
    emu.clearCalls();
    const { error } = await ask();
    expect(error!.code).toBe('InvalidResponse');
    expect(error!.requestId).toBe(downloadCalls()[0].requestId);
    expect(JSON.stringify(error!.toJSON())).not.toMatch(/q-signature/);
  });
});
