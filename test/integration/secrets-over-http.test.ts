/**
 * SPEC 0.3 "Secrets (added)" over real sockets: the JS API against the emulator, with hostile
 * answers from its faults or from a proxy in front of its token API (test/support/hostile-proxy.ts).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { UploadResourceOptions } from '../../components/core';
import { Emulator, startEmulator } from '../../emulator';
import type { ApiCall } from '../../emulator/calls';
import { createNodePlatform } from '../../node-platform';
import { HostileProxy, outputOf, startHostileProxy } from '../support/hostile-proxy';
import { Emitted, observeUpload } from '../support/observe';
import { percentAll } from '../support/url-attacks';

let emu: Emulator;
let proxy: HostileProxy;
let dir: string;
const platform = createNodePlatform();

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  proxy = await startHostileProxy(emu.endpoint);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-http-'));
});
afterAll(async () => {
  await proxy.close();
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.reset();
  proxy.rewrite = null;
});

function fileOf(name: string, size: number): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, Buffer.alloc(size, name.length));
  return p;
}

function options(extra: Partial<UploadResourceOptions> = {}): UploadResourceOptions {
  return { platform, filePath: fileOf('a.bin', 100), productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, retryDelay: 5, locale: 'en', ...extra };
}

const apiCalls = (action: string): ApiCall[] => emu.calls.filter((c): c is ApiCall => c.type === 'api' && c.action === action);
const bucketCalls = () => emu.calls.filter((c) => c.type === 'bucket');
const signatureOf = (url: string): string => /q-signature(?:=|%3D)([0-9a-f]+)/i.exec(url)![1];
const md5Of = (file: string): string => createHash('md5').update(fs.readFileSync(file)).digest('hex');

describe('redaction undoes percent-encoding of any characters', () => {
  test('a token echoed byte by byte as %XX (any case) in Error.Code and Message surfaces none of it', async () => {
    const t = emu.token;
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'apiError', code: 'InvalidParameter.' + percentAll(t.slice(0, 20)), message: 'token ' + percentAll(t) + ' is bad', status: 400 });
    const emitted = new Emitted();
    const out = await observeUpload(emitted, options());
    expect(out.error!.code.indexOf('InvalidParameter.')).toBe(0);
    expect(emitted.leaks([t])).toEqual([]);
  });

  test('a RequestId holding the token byte by byte is replaced by the RequestId sent', async () => {
    const t = emu.token;
    proxy.rewrite = (answer) => {
      outputOf(answer).RequestId = percentAll(t);
    };
    const emitted = new Emitted();
    const out = await observeUpload(emitted, options({ endpoint: proxy.endpoint }));
    expect(out.error).toBeUndefined();
    expect(out.result!.requestId).toBe(apiCalls('AppGetResourceUploadURL')[0].requestId);
    expect(emitted.leaks([t])).toEqual([]);
  });
});

describe("a RequestId holding the upload URL's signature", () => {
  test('is replaced by the RequestId the package sent, not blanked', async () => {
    const signatures: string[] = [];
    proxy.rewrite = (answer) => {
      const out = outputOf(answer);
      const sig = signatureOf(out.UploadUrl as string);
      signatures.push(sig);
      out.RequestId = 'rid-' + sig.slice(4, 24);
    };
    const emitted = new Emitted();
    const out = await observeUpload(emitted, options({ endpoint: proxy.endpoint }));
    expect(out.error).toBeUndefined();
    expect(out.result!.requestId).toBe(apiCalls('AppGetResourceUploadURL')[0].requestId);
    expect(emu.objects()).toHaveLength(1);
    expect(emitted.leaks(signatures)).toEqual([]);
  });
});

describe('only the secret parts of an upload URL are secrets', () => {
  test('an MD5 and a name in its query leave the success detail intact', async () => {
    const name = 'front-door-ringtone.mp3';
    const filePath = fileOf(name, 300);
    const md5 = md5Of(filePath);
    proxy.rewrite = (answer, request) => {
      const out = outputOf(answer);
      if (request.Action === 'AppGetResourceUploadURL') out.UploadUrl += `&x-cos-meta-md5=${md5}&filename=${encodeURIComponent(name)}&resource=${request.UserResourceName}`;
    };
    const out = await observeUpload(new Emitted(), options({ endpoint: proxy.endpoint, filePath }));
    expect(out.error).toBeUndefined();
    expect(out.result).toMatchObject({ name, path: filePath, md5, userResourceName: md5, requestId: apiCalls('AppGetResourceUploadURL')[0].requestId });
    expect(JSON.stringify(out.result)).not.toContain('***');
    expect(emu.objects()).toEqual([expect.objectContaining({ md5 })]);
  });
});

describe('an UploadUrl holding the access token', () => {
  const variants: Array<[string, (t: string) => string]> = [
    ['raw', (t) => t],
    ['16 characters upper-cased', (t) => t.slice(3, 19).toUpperCase()],
    ['16 characters percent-encoded byte by byte', (t) => percentAll(t.slice(5, 21))],
    ['URL-encoded as a query value', (t) => encodeURIComponent(t)],
  ];

  test.each(variants)('(%s) is InvalidResponse and nothing is PUT', async (_label, echo) => {
    const t = emu.token;
    proxy.rewrite = (answer) => {
      const out = outputOf(answer);
      out.UploadUrl += '&x-echo=' + echo(t);
    };
    const emitted = new Emitted();
    const out = await observeUpload(emitted, options({ endpoint: proxy.endpoint }));
    expect(out.error).toMatchObject({ code: 'InvalidResponse', retryable: false, requestId: apiCalls('AppGetResourceUploadURL')[0].requestId });
    expect(bucketCalls()).toHaveLength(0);
    expect(emitted.leaks([t])).toEqual([]);
  });

  test('15 consecutive characters are not the token: the file is stored', async () => {
    const t = emu.token;
    proxy.rewrite = (answer) => {
      outputOf(answer).UploadUrl += '&x-echo=' + t.slice(2, 17);
    };
    const out = await observeUpload(new Emitted(), options({ endpoint: proxy.endpoint }));
    expect(out.error).toBeUndefined();
    expect(emu.objects()).toHaveLength(1);
  });
});

describe('a storage failure carries the RequestId of the call that issued its URL', () => {
  test('a COS error (with its own request ids) carries the AppGetResourceUploadURL RequestId', async () => {
    emu.faults.inject({ target: 'bucket', kind: 'apiError', code: 'AccessDenied', message: 'Access Denied.', status: 403 });
    const out = await observeUpload(new Emitted(), options());
    expect(out.error).toMatchObject({ code: 'Storage.AccessDenied', retryable: false });
    expect(out.error!.requestId).toBe(apiCalls('AppGetResourceUploadURL')[0].requestId);
  });

  test('storage 5xx that outlasts the retries: the same', async () => {
    emu.faults.inject({ target: 'bucket', kind: 'http5xx', count: 3 });
    const out = await observeUpload(new Emitted(), options());
    expect(out.error!.code.indexOf('Storage.')).toBe(0);
    expect(out.error!.retryable).toBe(true);
    expect(out.error!.requestId).toBe(apiCalls('AppGetResourceUploadURL')[0].requestId);
  });
});
