/**
 * Every request gets an answer the client can read: a missing data folder, an oversized JSON body
 * or a PUT far larger than its URL allows end in a coded answer, never in silence or a reset.
 */
import * as http from 'http';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Emulator, startEmulator } from '../../emulator';
import { cosError, getUploadUrl, put, rawRequest } from './helpers';

const MiB = 1024 * 1024;

describe('limits and lost storage', () => {
  let emu: Emulator;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'emu-limits-'));
    emu = await startEmulator({ port: 0, dataDir });
  });
  afterEach(async () => {
    await emu.stop();
    await fsp.rm(dataDir, { recursive: true, force: true });
  });

  test('a PUT with the data folder gone gets a 500, not silence', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 4 });
    await fsp.rm(dataDir, { recursive: true, force: true });
    const answer = await put(url, new Uint8Array([1, 2, 3, 4]));
    expect(answer.status).toBe(500);
    expect(cosError(answer.body).code).toBe('InternalError');
    expect(emu.objects()).toEqual([]);
  }, 10_000);

  test('a 3 MiB token-API body gets its coded 413', async () => {
    const body = JSON.stringify({ Action: 'AppGetResourceUploadURL', Pad: 'x'.repeat(3 * MiB) });
    const answer = await rawRequest(emu.endpoint, 'POST', { 'content-type': 'application/json' }, body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ data: { Error: { Code: 'InvalidParameterValue' } } });
  });

  test('a 200 KiB admin body gets a 413', async () => {
    const body = JSON.stringify({ target: 'bucket', kind: 'drop', message: 'x'.repeat(200 * 1024) });
    const answer = await rawRequest(`${emu.origin}/__emulator/faults`, 'POST', { 'content-type': 'application/json' }, body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(/too large/) });
    expect(emu.faults.pending()).toEqual([]);
  });

  test('a chunked 300 MiB PUT to a URL issued for 10 bytes: 400 early, nothing written', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 10 });
    let largestFile = 0;
    const watch = setInterval(() => {
      void fsp.readdir(dataDir).then(async (names) => {
        for (const n of names) {
          const size = await fsp.stat(path.join(dataDir, n)).then((s) => s.size, () => 0);
          largestFile = Math.max(largestFile, size);
        }
      }, () => undefined);
    }, 5);
    const chunk = Buffer.alloc(256 * 1024, 7);
    const total = 300 * MiB;
    let sent = 0;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const u = new URL(url);
      const req = http.request({ host: u.hostname, port: u.port, path: url.slice(u.origin.length), method: 'PUT' });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      });
      // Once answered, the server may close while this side still writes: that is fine.
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    clearInterval(watch);
    expect(answer.status).toBe(400);
    expect(cosError(answer.body).code).toBe('InvalidArgument');
    // The server stopped reading: this side could not push more than socket buffers hold.
    expect(sent).toBeLessThan(64 * MiB);
    expect(largestFile).toBeLessThan(MiB);
    expect(emu.objects()).toEqual([]);
  }, 30_000);

  test('after an oversized PUT the emulator still serves a good one', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 10 });
    const big = await put(url, new Uint8Array(4 * MiB));
    expect(big.status).toBe(400);
    expect((await put(url, new Uint8Array(10))).status).toBe(200);
  });
});
