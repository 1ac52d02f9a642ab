/**
 * Faults that shape time and reachability: `slowPut` reads a PUT's body at a set rate, so a test can
 * put a PUT on either side of a timeout; `offline` drops every token-API and bucket request until
 * it is switched off, like a phone that lost its network.
 */
import { TransportError } from '../../components/core';
import { Emulator, startEmulator } from '../../emulator';
import { callApi, getUploadUrl, platform, rawRequest } from './helpers';

describe('slowPut', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterEach(() => emu.stop());

  function timedPut(url: string, size: number, timeoutMs: number) {
    const started = Date.now();
    const body = new ArrayBuffer(size);
    return platform
      .request({ url, method: 'PUT', headers: {}, body, timeoutMs })
      .response.then(
        (r) => ({ status: r.status, ms: Date.now() - started, error: undefined as string | undefined }),
        (err: unknown) => ({ status: 0, ms: Date.now() - started, error: err instanceof TransportError ? err.kind : String(err) }),
      );
  }

  test('the body is read at the given rate: it takes size / rate, then stores', async () => {
    const size = 40 * 1024;
    const { url } = await getUploadUrl(emu, { FileSize: size });
    emu.faults.inject({ target: 'bucket', kind: 'slowPut', bytesPerSecond: 50 * 1024 });
    const answer = await timedPut(url, size, 10_000);
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeGreaterThanOrEqual(750);
    expect(answer.ms).toBeLessThan(3000);
    expect(emu.objects()).toHaveLength(1);
    expect(emu.calls.at(-1)).toMatchObject({ type: 'bucket', fault: 'slowPut', status: 200 });
  });

  test('both sides of a timeout edge', async () => {
    const size = 20 * 1024; // 1 s at 20 KiB/s
    const { url } = await getUploadUrl(emu, { FileSize: size });
    emu.faults.inject({ target: 'bucket', kind: 'slowPut', bytesPerSecond: 20 * 1024, count: 2 });
    const tooShort = await timedPut(url, size, 500);
    expect(tooShort.error).toBe('timeout');
    const enough = await timedPut(url, size, 4000);
    expect(enough.status).toBe(200);
  });

  test('a client that gives up ends the throttled read, and stop() does not wait for it', async () => {
    const size = 1024 * 1024;
    const { url } = await getUploadUrl(emu, { FileSize: size });
    emu.faults.inject({ target: 'bucket', kind: 'slowPut', bytesPerSecond: 1 });
    const answer = await timedPut(url, size, 300);
    expect(answer.error).toBe('timeout');
    const started = Date.now();
    await emu.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('slowPut is for the bucket only and needs a sane rate', () => {
    expect(() => emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'slowPut' })).toThrow(/bucket/);
    expect(() => emu.faults.inject({ target: 'bucket', kind: 'slowPut', bytesPerSecond: 0 })).toThrow(/bytesPerSecond/);
    expect(emu.faults.inject({ target: 'bucket', kind: 'slowPut' }).bytesPerSecond).toBe(131072);
  });
});

describe('offline', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterEach(() => emu.stop());

  test('drops token-API and bucket requests until switched back; admin routes still answer', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 1 });
    const set = await rawRequest(`${emu.origin}/__emulator/settings`, 'POST', { 'content-type': 'application/json' }, '{"offline":true}');
    expect(set.status).toBe(200);
    for (let i = 0; i < 3; i++) {
      await expect(callApi(emu, 'AppGetResourceUploadURL', {})).rejects.toBeInstanceOf(TransportError);
      await expect(platform.request({ url, method: 'PUT', headers: {}, body: new ArrayBuffer(1), timeoutMs: 5000 }).response).rejects.toBeInstanceOf(TransportError);
    }
    expect(emu.objects()).toEqual([]);
    const state = await rawRequest(`${emu.origin}/__emulator/state`, 'GET');
    expect(JSON.parse(state.body).settings.offline).toBe(true);
    emu.configure({ offline: false });
    expect((await platform.request({ url, method: 'PUT', headers: {}, body: new ArrayBuffer(1), timeoutMs: 5000 }).response).status).toBe(200);
  });

  test('reset brings the network back', async () => {
    emu.configure({ offline: true });
    await emu.reset();
    expect(emu.settings.offline).toBe(false);
  });
});
