import { createHash, randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { TransportError } from '../../components/core';
import { createNodePlatform, RequestEvent, splitRawUrl } from '../../node-platform';
import { listenOnLoopback } from '../support/loopback';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A local server whose behaviour each test chooses; it records what it received. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void) {
  const seen: Seen[] = [];
  const closedSockets: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', (s) => s.on('close', () => closedSockets.push(Date.now())));
  const { origin, close } = await listenOnLoopback(server);
  return { origin, seen, closedSockets, close };
}

async function failureKind(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TransportError);
    return (err as TransportError).kind;
  }
  throw new Error('expected a TransportError');
}

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

describe('Node platform: request', () => {
  const platform = createNodePlatform();

  test('sends the URL exactly as given: %2F, encoded sign and all', async () => {
    const srv = await serve((_req, res) => res.end('ok'));
    try {
      const pathAndQuery =
        '/res%2F966_P_USER_1_RES_a%20b_0.0.1?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKID%26q-sign-time%3D1%3B2';
      await platform.request({ url: srv.origin + pathAndQuery, method: 'PUT', headers: {}, body: 'x', timeoutMs: 5000 })
        .response;
      await platform.request({ url: srv.origin, method: 'GET', headers: {}, timeoutMs: 5000 }).response;
      await platform.request({ url: `${srv.origin}?a=%2F`, method: 'GET', headers: {}, timeoutMs: 5000 }).response;
      await platform.request({ url: `${srv.origin}/p#frag`, method: 'GET', headers: {}, timeoutMs: 5000 }).response;
      // What a WHATWG URL round trip would change: dot segments, {}, a quote in the query.
      const fragile = "/a/../b%2Fc{d}/%2e%2e/e?q='v'";
      await platform.request({ url: srv.origin + fragile, method: 'GET', headers: {}, timeoutMs: 5000 }).response;
      expect(srv.seen.map((s) => s.url)).toEqual([pathAndQuery, '/', '/?a=%2F', '/p', fragile]);
    } finally {
      await srv.close();
    }
  });

  test('splitRawUrl keeps the raw path and query', () => {
    expect(splitRawUrl('https://h.example:8443/a%2Fb?x=%3D#f')).toEqual({
      base: 'https://h.example:8443',
      pathAndQuery: '/a%2Fb?x=%3D',
    });
    expect(() => splitRawUrl('/relative')).toThrow();
  });

  test('bodies: an ArrayBuffer arrives byte for byte, a string as UTF-8, with Content-Length and the given headers', async () => {
    const srv = await serve((_req, res) => res.end());
    try {
      const bytes = new Uint8Array(randomBytes(100_000));
      await platform.request({
        url: srv.origin + '/bin',
        method: 'PUT',
        headers: { 'content-type': 'audio/wav' },
        body: bytes.buffer,
        timeoutMs: 5000,
      }).response;
      await platform.request({
        url: srv.origin + '/json',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":"中文"}',
        timeoutMs: 5000,
      }).response;
      const [bin, json] = srv.seen;
      expect(bin.method).toBe('PUT');
      expect(md5(bin.body)).toBe(md5(bytes));
      expect(bin.headers['content-length']).toBe(String(bytes.length));
      expect(bin.headers['content-type']).toBe('audio/wav');
      expect(json.body.toString('utf8')).toBe('{"a":"中文"}');
      expect(json.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"中文"}')));
    } finally {
      await srv.close();
    }
  });

  test('any status resolves; header names are lower-cased; a UTF-8 body split mid-character is whole', async () => {
    const text = Buffer.from('<Error>中文</Error>', 'utf8');
    const srv = await serve((_req, res) => {
      res.statusCode = 403;
      res.setHeader('X-Cos-Request-Id', 'abc');
      res.setHeader('ETag', '"0123"');
      res.write(text.subarray(0, 8)); // inside the first CJK character
      setTimeout(() => res.end(text.subarray(8)), 20);
    });
    try {
      const res = await platform.request({ url: srv.origin, method: 'GET', headers: {}, timeoutMs: 5000 }).response;
      expect(res.status).toBe(403);
      expect(res.headers['x-cos-request-id']).toBe('abc');
      expect(res.headers.etag).toBe('"0123"');
      expect(Object.keys(res.headers).every((k) => k === k.toLowerCase())).toBe(true);
      expect(res.body).toBe('<Error>中文</Error>');
    } finally {
      await srv.close();
    }
  });

  test('no answer within timeoutMs → timeout', async () => {
    const srv = await serve(() => undefined);
    try {
      const started = Date.now();
      expect(
        await failureKind(platform.request({ url: srv.origin, method: 'GET', headers: {}, timeoutMs: 100 }).response),
      ).toBe('timeout');
      expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    } finally {
      await srv.close();
    }
  });

  test('refused connections and sockets reset mid-answer → network', async () => {
    const srv = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 20);
    });
    try {
      expect(
        await failureKind(platform.request({ url: srv.origin, method: 'GET', headers: {}, timeoutMs: 5000 }).response),
      ).toBe('network');
    } finally {
      await srv.close();
    }
    // The port is closed now.
    expect(
      await failureKind(platform.request({ url: srv.origin, method: 'GET', headers: {}, timeoutMs: 5000 }).response),
    ).toBe('network');
  });

  test('abort() destroys the request and rejects with aborted', async () => {
    const srv = await serve(() => undefined);
    try {
      const task = platform.request({ url: srv.origin, method: 'POST', headers: {}, body: 'x', timeoutMs: 5000 });
      while (srv.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
      task.abort();
      expect(await failureKind(task.response)).toBe('aborted');
      while (srv.closedSockets.length === 0) await new Promise((r) => setTimeout(r, 5));
      task.abort(); // a second abort is harmless
    } finally {
      await srv.close();
    }
  });

  test('an unusable URL rejects (never throws)', async () => {
    const task = platform.request({ url: 'ftp://example.com/x', method: 'GET', headers: {}, timeoutMs: 1000 });
    expect(await failureKind(task.response)).toBe('network');
  });

  test('URLs the strict parser refuses are never dialled (user info, backslash, CR/LF)', async () => {
    const srv = await serve((_req, res) => res.end('ok'));
    try {
      const port = srv.origin.split(':')[2];
      for (const url of [`http://evil.example\\@127.0.0.1:${port}/api`, `http://x@127.0.0.1:${port}/api`, `http://127.0.0.1:${port}/api\r\nX: y`]) {
        const task = platform.request({ url, method: 'GET', headers: {}, timeoutMs: 1000 });
        expect(await failureKind(task.response)).toBe('network');
      }
      expect(srv.seen).toHaveLength(0);
    } finally {
      await srv.close();
    }
  });

  test('https URLs go through TLS', async () => {
    const srv = await serve((_req, res) => res.end('plain http'));
    try {
      const url = srv.origin.replace('http:', 'https:');
      expect(await failureKind(platform.request({ url, method: 'GET', headers: {}, timeoutMs: 5000 }).response)).toBe(
        'network',
      );
    } finally {
      await srv.close();
    }
  });

  test('onRequest and inFlight count requests in flight; observers never see the query', async () => {
    const events: RequestEvent[] = [];
    const counted = createNodePlatform({ onRequest: (e) => events.push(e) });
    const srv = await serve((_req, res) => setTimeout(() => res.end(), 50));
    try {
      const tasks = [1, 2, 3].map((i) =>
        counted.request({ url: `${srv.origin}/k${i}?sign=secret`, method: 'GET', headers: {}, timeoutMs: 5000 }),
      );
      expect(counted.inFlight).toBe(3);
      await Promise.all(tasks.map((t) => t.response));
      expect(counted.inFlight).toBe(0);
      expect(counted.maxInFlight).toBe(3);
      expect(events.filter((e) => e.phase === 'start').map((e) => e.inFlight)).toEqual([1, 2, 3]);
      expect(events.filter((e) => e.phase === 'end').every((e) => e.outcome === 200)).toBe(true);
      expect(JSON.stringify(events)).not.toContain('secret');
      expect(events[0].url).toBe(`${srv.origin}/k1`);
    } finally {
      await srv.close();
    }
  });
});

describe('Node platform: files, timers, randomness', () => {
  const platform = createNodePlatform();
  let dir: string;
  beforeAll(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'node-platform-'));
  });
  afterAll(() => fsp.rm(dir, { recursive: true, force: true }));

  test.each([0, 1, 10, 4095, 8193, 5 * 1024 * 1024 + 3])(
    'readFile of %i bytes: a tight ArrayBuffer with the exact bytes',
    async (size) => {
      const bytes = randomBytes(size);
      const file = path.join(dir, `f${size}.bin`);
      await fsp.writeFile(file, bytes);
      const ab = await platform.readFile(file);
      expect(ab).toBeInstanceOf(ArrayBuffer);
      expect(ab.byteLength).toBe(size);
      expect(Buffer.from(ab).equals(bytes)).toBe(true);
    },
  );

  test('readFile of a missing file rejects', async () => {
    await expect(platform.readFile(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('fileInfo streams size and MD5', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const file = path.join(dir, 'info.bin');
    await fsp.writeFile(file, bytes);
    expect(await platform.fileInfo(file)).toEqual({ size: bytes.length, md5: md5(bytes) });
    const empty = path.join(dir, 'empty.bin');
    await fsp.writeFile(empty, '');
    expect(await platform.fileInfo(empty)).toEqual({ size: 0, md5: md5(new Uint8Array()) });
    await expect(platform.fileInfo(dir)).rejects.toThrow(/not a regular file/);
    await expect(platform.fileInfo(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('randomBytes gives n fresh bytes', () => {
    const a = platform.randomBytes!(32);
    const b = platform.randomBytes!(32);
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a.length).toBe(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  test('timers are the globals at call time, so fake timers apply', () => {
    jest.useFakeTimers();
    try {
      const fired: string[] = [];
      platform.setTimeout(() => fired.push('a'), 1000);
      const h = platform.setTimeout(() => fired.push('b'), 1000);
      platform.clearTimeout(h);
      jest.advanceTimersByTime(999);
      expect(fired).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(fired).toEqual(['a']);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Node platform: time values above 2^31-1 ms', () => {
  test('a 3e9 ms request timeout does not fire at once', async () => {
    const srv = await serve((_req, res) => setTimeout(() => res.end('late'), 100));
    try {
      const answer = await createNodePlatform().request({ url: srv.origin + '/', method: 'GET', headers: {}, timeoutMs: 3e9 }).response;
      expect(answer.body).toBe('late');
    } finally {
      await srv.close();
    }
  });
});
