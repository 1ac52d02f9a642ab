import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { Emulator, startEmulator } from '../../emulator';
import { cosError, get, getUploadUrl, md5Hex, platform, put } from './helpers';

const XML_DECLARATION = "<?xml version='1.0' encoding='utf-8' ?>";

/** Sends a raw request, optionally chunked (no Content-Length) or cut off after `cutAfter` bytes. */
function rawPut(
  url: string,
  body: Buffer,
  opts: { chunked?: boolean; cutAfter?: number } = {},
): Promise<{ status: number; body: string } | 'cut'> {
  const u = new URL(url);
  const pathAndQuery = url.slice(u.origin.length);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: 'PUT', path: pathAndQuery });
    if (!opts.chunked && opts.cutAfter === undefined) req.setHeader('content-length', body.length);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (err) => (opts.cutAfter !== undefined ? resolve('cut') : reject(err)));
    if (opts.cutAfter !== undefined) {
      req.setHeader('content-length', body.length);
      req.write(body.subarray(0, opts.cutAfter), () => setTimeout(() => req.destroy(), 50));
      setTimeout(() => resolve('cut'), 300);
      return;
    }
    req.end(body);
  });
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('bucket', () => {
  let emu: Emulator;
  let clock: number;
  beforeEach(async () => {
    clock = Date.now();
    emu = await startEmulator({ port: 0, now: () => clock });
  });
  afterEach(() => emu.stop());

  test('a PUT through the Node platform stores identical bytes and answers the MD5 ETag', async () => {
    const bytes = new Uint8Array(randomBytes(300_001));
    const { url } = await getUploadUrl(emu, { FileSize: bytes.length });
    const res = await put(url, bytes, 'audio/mpeg');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${md5Hex(bytes)}"`);
    expect(res.headers['x-cos-request-id']).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    const [object] = emu.objects();
    const key = decodeURIComponent(new URL(url).pathname.slice(1));
    expect(object).toMatchObject({ key, size: bytes.length, md5: md5Hex(bytes), contentType: 'audio/mpeg' });
    expect(key.startsWith('res/')).toBe(true);
    expect(emu.readObject(key).equals(Buffer.from(bytes))).toBe(true);
  });

  test('Content-Type is stored and returned on GET', async () => {
    const text = 'plain words\n';
    const putUrl = emu.presignUrl({ method: 'PUT', key: 'docs/readme.txt' });
    expect((await put(putUrl, new Uint8Array(Buffer.from(text)), 'text/plain; charset=utf-8')).status).toBe(200);
    const res = await get(emu.presignUrl({ method: 'GET', key: 'docs/readme.txt' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toBe(text);
  });

  test('keys with spaces and non-ASCII characters round-trip', async () => {
    for (const key of ['dir with space/file name.bin', '音频/歌曲 一.mp3', "odd!'()*&=+;~.txt"]) {
      const bytes = new Uint8Array(Buffer.from(`contents of ${key}`));
      const res = await put(emu.presignUrl({ method: 'PUT', key }), bytes);
      expect(res.status).toBe(200);
      expect(emu.readObject(key).equals(Buffer.from(bytes))).toBe(true);
      expect((await get(emu.presignUrl({ method: 'GET', key }))).body).toBe(`contents of ${key}`);
    }
  });

  test('the path is decoded before signing: %2F and / name the same key', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 2 });
    const res = await put(url.replace('%2F', '/'), new Uint8Array([1, 2]));
    expect(res.status).toBe(200);
    expect(emu.objects()).toHaveLength(1);
  });

  test('a tampered signature is refused with the COS SignatureDoesNotMatch XML', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const { url } = await getUploadUrl(emu, { FileSize: 3 });
    const tampered = url.replace(
      /(q-signature%3D[0-9a-f]{39})([0-9a-f])/,
      (_m, head: string, last: string) => head + (last === '0' ? '1' : '0'),
    );
    expect(tampered).not.toBe(url);
    const otherKey = url.replace('_RES_restest_', '_RES_restesu_');
    for (const bad of [tampered, otherKey]) {
      const res = await put(bad, bytes);
      expect(res.status).toBe(403);
      expect(res.body.startsWith(XML_DECLARATION)).toBe(true);
      expect(cosError(res.body)).toEqual({
        code: 'SignatureDoesNotMatch',
        message: 'The Signature you specified is invalid.',
      });
      expect(res.body).toMatch(/<RequestId>[^<]+<\/RequestId>/);
      expect(res.body).toMatch(/<TraceId>[^<]+<\/TraceId>/);
    }
    // A PUT URL does not authorise a GET.
    expect((await get(url)).status).toBe(403);
    expect(emu.objects()).toHaveLength(0);
  });

  test('an expired URL is refused with 403 AccessDenied "Request has expired"', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 1 });
    clock += (emu.settings.urlValiditySeconds + 1) * 1000;
    const res = await put(url, new Uint8Array([7]));
    expect(res.status).toBe(403);
    const key = new URL(url).pathname;
    expect(res.body).toMatch(
      new RegExp(
        "^<\\?xml version='1.0' encoding='utf-8' \\?>\\s*<Error>\\s*<Code>AccessDenied</Code>\\s*<Message>Request has expired</Message>\\s*" +
          `<Resource>[^<]*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</Resource>\\s*<RequestId>[^<]+</RequestId>\\s*<TraceId>[^<]+</TraceId>\\s*</Error>$`,
      ),
    );
    expect(res.headers['content-type']).toBe('application/xml');
    expect(emu.objects()).toHaveLength(0);
  });

  test('still valid on the last second of the window', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 1 });
    clock += emu.settings.urlValiditySeconds * 1000;
    expect((await put(url, new Uint8Array([7]))).status).toBe(200);
  });

  test('unmerged q-* parameters and an Authorization header are accepted too', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 1 });
    const u = new URL(url);
    const auth = u.searchParams.get('sign') ?? '';
    const base = url.slice(0, url.indexOf('?'));
    const unmerged =
      base +
      '?' +
      auth
        .split('&')
        .map((kv) => kv.split('=').map(encodeURIComponent).join('='))
        .join('&');
    expect((await put(unmerged, new Uint8Array([1]))).status).toBe(200);
    const res = await platform.request({
      url: base,
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/octet-stream' },
      body: new Uint8Array([2]).buffer,
      timeoutMs: 5000,
    }).response;
    expect(res.status).toBe(200);
  });

  test('no signature → 403 AccessDenied; a missing object → 404 NoSuchKey', async () => {
    const unsigned = await put(`${emu.origin}/res%2Fanything`, new Uint8Array([1]));
    expect(unsigned.status).toBe(403);
    expect(cosError(unsigned.body).code).toBe('AccessDenied');
    const missing = await get(emu.presignUrl({ method: 'GET', key: 'res/none' }));
    expect(missing.status).toBe(404);
    expect(cosError(missing.body).code).toBe('NoSuchKey');
  });

  describe('FileSize declared for the URL', () => {
    test('a body of another size is refused with 400 InvalidArgument and not stored', async () => {
      const { url } = await getUploadUrl(emu, { FileSize: 10 });
      for (const size of [9, 11]) {
        const res = await put(url, new Uint8Array(size));
        expect(res.status).toBe(400);
        expect(cosError(res.body).code).toBe('InvalidArgument');
      }
      // Without Content-Length the bytes are counted while streaming.
      const chunked = await rawPut(url, Buffer.alloc(11), { chunked: true });
      expect(chunked).toMatchObject({ status: 400 });
      expect(emu.objects()).toHaveLength(0);
      const exact = await rawPut(url, Buffer.alloc(10, 1), { chunked: true });
      expect(exact).toMatchObject({ status: 200 });
    });

    test("fileSizeMismatch: 'accept' stores it anyway", async () => {
      emu.configure({ fileSizeMismatch: 'accept' });
      const { url } = await getUploadUrl(emu, { FileSize: 10 });
      expect((await put(url, new Uint8Array(4))).status).toBe(200);
      expect(emu.objects()[0].size).toBe(4);
    });
  });

  test('a client that goes away mid-body leaves no object and no temp file', async () => {
    const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'emu-abort-'));
    const own = await startEmulator({ port: 0, dataDir });
    try {
      const { url } = await getUploadUrl(own, { FileSize: 1_000_000 });
      expect(await rawPut(url, Buffer.alloc(1_000_000), { cutAfter: 100_000 })).toBe('cut');
      await waitFor(() => own.calls.some((c) => c.type === 'bucket' && c.status === 0));
      expect(own.objects()).toHaveLength(0);
      expect(await fsp.readdir(dataDir)).toEqual([]);
    } finally {
      await own.stop();
      await fsp.rm(dataDir, { recursive: true, force: true });
    }
  });

  test('50 MiB: streamed to a temp file while it arrives, then stored intact', async () => {
    const size = 50 * 1024 * 1024;
    const bytes = randomBytes(size);
    const { url } = await getUploadUrl(emu, { FileSize: size });
    const u = new URL(url);
    const req = http.request({
      host: u.hostname,
      port: u.port,
      method: 'PUT',
      path: url.slice(u.origin.length),
      headers: { 'content-length': size },
    });
    const answered = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
    });
    // Send a fifth, then hold: a buffering server would have nothing on disk yet.
    req.write(bytes.subarray(0, size / 5));
    const tempFileSize = async () => {
      const names = (await fsp.readdir(emu.dataDir)).filter((n) => n.endsWith('.tmp'));
      return names.length === 1 ? (await fsp.stat(path.join(emu.dataDir, names[0]))).size : 0;
    };
    const until = Date.now() + 5000;
    while ((await tempFileSize()) < size / 10 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(await tempFileSize()).toBeGreaterThanOrEqual(size / 10);
    expect(emu.objects()).toHaveLength(0);
    req.end(bytes.subarray(size / 5));
    expect(await answered).toBe(200);
    const [object] = emu.objects();
    expect(object).toMatchObject({ size, md5: md5Hex(bytes) });
    expect((await fsp.readdir(emu.dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // And the same through the Node platform (the core's path): bytes identical.
    const file = path.join(os.tmpdir(), `emu-big-${process.pid}.bin`);
    await fsp.writeFile(file, bytes);
    try {
      const second = await getUploadUrl(emu, { FileSize: size, UserResourceName: 'big' });
      const res = await put(second.url, new Uint8Array(await platform.readFile(file)));
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(`"${md5Hex(bytes)}"`);
      const key = decodeURIComponent(new URL(second.url).pathname.slice(1));
      expect(emu.readObject(key).equals(bytes)).toBe(true);
    } finally {
      await fsp.rm(file, { force: true });
    }
  });

  test('stop() removes the temp dir it created; a given dataDir is kept and reloaded', async () => {
    const tempDir = emu.dataDir;
    await fsp.access(tempDir);
    const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'emu-keep-'));
    try {
      const first = await startEmulator({ port: 0, dataDir });
      await put(first.presignUrl({ method: 'PUT', key: 'kept/one.bin' }), new Uint8Array([4, 5, 6]), 'x/y');
      await first.stop();
      const second = await startEmulator({ port: 0, dataDir });
      expect(second.objects()).toEqual([expect.objectContaining({ key: 'kept/one.bin', size: 3, contentType: 'x/y' })]);
      await second.stop();
    } finally {
      await fsp.rm(dataDir, { recursive: true, force: true });
    }
    await emu.stop();
    await expect(fsp.access(tempDir)).rejects.toThrow();
  });
});
