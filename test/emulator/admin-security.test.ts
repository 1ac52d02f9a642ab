/**
 * The emulator is a dev tool any web page can reach on 127.0.0.1: a foreign page must not read its
 * token, objects or state, nor steer it, and a rebound DNS name must not get in either.
 */
import { Emulator, startEmulator } from '../../emulator';
import { getUploadUrl, put, rawRequest } from './helpers';

const FOREIGN = 'http://evil.example';

describe('admin routes answer their own page only', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterEach(() => emu.stop());

  const adminUrl = (name: string) => `${emu.origin}/__emulator/${name}`;
  const injectDrop = JSON.stringify({ target: 'bucket', kind: 'drop' });

  test('the state never holds the access token', async () => {
    const answer = await rawRequest(adminUrl('state'), 'GET');
    expect(answer.status).toBe(200);
    expect(answer.body).not.toContain(emu.token);
    expect(JSON.parse(answer.body)).not.toHaveProperty('token');
  });

  test('a foreign Origin is refused, on reads and on writes', async () => {
    const read = await rawRequest(adminUrl('state'), 'GET', { origin: FOREIGN });
    expect(read.status).toBe(403);
    expect(read.body).not.toContain(emu.token);
    const write = await rawRequest(adminUrl('faults'), 'POST', { origin: FOREIGN, 'content-type': 'application/json' }, injectDrop);
    expect(write.status).toBe(403);
    const reset = await rawRequest(adminUrl('reset'), 'POST', { origin: 'null', 'content-type': 'application/json' }, '{}');
    expect(reset.status).toBe(403);
    expect(emu.faults.pending()).toEqual([]);
  });

  test('a page on another port of the same host is foreign too', async () => {
    const other = `http://127.0.0.1:${emu.port === 1 ? 2 : emu.port - 1}`;
    const answer = await rawRequest(adminUrl('faults'), 'POST', { origin: other, 'content-type': 'application/json' }, injectDrop);
    expect(answer.status).toBe(403);
    expect(emu.faults.pending()).toEqual([]);
  });

  test('a cross-site no-preflight POST (text/plain, form) changes nothing', async () => {
    emu.faults.inject({ target: 'bucket', kind: 'drop' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      // What a <form> or a no-cors fetch sends: no preflight, sometimes no Origin the server can trust.
      const reset = await rawRequest(adminUrl('reset'), 'POST', { 'content-type': type }, '{}');
      expect(reset.status).toBe(415);
      const inject = await rawRequest(adminUrl('faults'), 'POST', { 'content-type': type, 'sec-fetch-site': 'cross-site' }, injectDrop);
      expect(inject.status).toBe(403);
    }
    const noType = await rawRequest(adminUrl('faults'), 'POST', {}, injectDrop);
    expect(noType.status).toBe(415);
    expect(emu.faults.pending()).toHaveLength(1);
  });

  test('Sec-Fetch-Site other than same-origin is refused', async () => {
    for (const site of ['cross-site', 'same-site']) {
      expect((await rawRequest(adminUrl('state'), 'GET', { 'sec-fetch-site': site })).status).toBe(403);
    }
    expect((await rawRequest(adminUrl('state'), 'GET', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await rawRequest(adminUrl('state'), 'GET', { 'sec-fetch-site': 'none' })).status).toBe(200);
  });

  test('its own page still steers it: same Origin, JSON', async () => {
    const answer = await rawRequest(
      adminUrl('faults'),
      'POST',
      { origin: emu.origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json; charset=utf-8' },
      injectDrop,
    );
    expect(answer.status).toBe(200);
    expect(emu.faults.pending()).toHaveLength(1);
    const cleared = await rawRequest(adminUrl('faults'), 'DELETE', { origin: emu.origin });
    expect(cleared.status).toBe(200);
    expect(emu.faults.pending()).toEqual([]);
    const byName = await rawRequest(adminUrl('state'), 'GET', { host: `localhost:${emu.port}`, origin: `http://localhost:${emu.port}` });
    expect(byName.status).toBe(200);
  });

  test('no admin answer, preflight included, allows another origin', async () => {
    const preflight = await rawRequest(adminUrl('faults'), 'OPTIONS', {
      origin: FOREIGN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.status).toBe(403);
    const state = await rawRequest(adminUrl('state'), 'GET');
    expect(state.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('a foreign Host header (DNS rebinding) is refused everywhere', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(() => emu.stop());

  test.each([
    ['admin state', 'GET', '/__emulator/state'],
    ['token API', 'POST', '/api/exploreropen/tokenapi'],
    ['bucket', 'GET', '/res%2Fx?sign=abc'],
    ['root', 'GET', '/'],
  ])('%s', async (_name, method, path) => {
    for (const host of [`evil.example:${emu.port}`, 'evil.example', `127.0.0.1:${emu.port + 1}`, `127.0.0.1.evil.example:${emu.port}`]) {
      const answer = await rawRequest(emu.origin + path, method, { host, 'content-type': 'application/json' }, method === 'POST' ? '{}' : undefined);
      expect(answer.status).toBe(421);
      expect(answer.body).not.toContain(emu.token);
    }
  });

  test('loopback names with its own port are served', async () => {
    for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `LOCALHOST:${emu.port}`]) {
      expect((await rawRequest(emu.origin + '/', 'GET', { host })).status).toBe(200);
    }
  });
});

describe('bucket objects are not readable cross-origin', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(() => emu.stop());

  test('no CORS grant on downloads, uploads or the token API', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 3 });
    expect((await put(url, new Uint8Array([1, 2, 3]))).status).toBe(200);
    const key = emu.objects()[0].key;
    const download = emu.presignUrl({ method: 'GET', key });
    const got = await rawRequest(download, 'GET', { origin: FOREIGN });
    expect(got.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await rawRequest(download, 'OPTIONS', { origin: FOREIGN, 'access-control-request-method': 'GET' });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const api = await rawRequest(emu.endpoint, 'POST', { origin: FOREIGN, 'content-type': 'application/json' }, '{}');
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });
});
