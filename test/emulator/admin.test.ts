import * as http from 'http';
import { Emulator, startEmulator } from '../../emulator';
import { callApi, errorCodeOf, getUploadUrl, platform, put } from './helpers';

async function admin(emu: Emulator, method: 'GET' | 'POST', name: string, body?: unknown) {
  const res = await platform.request({
    url: `${emu.origin}/__emulator/${name}`,
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: 5000,
  }).response;
  return { status: res.status, headers: res.headers, json: JSON.parse(res.body) as Record<string, unknown> };
}

/** Node's http, for methods the core's platform does not speak (OPTIONS, DELETE). */
function rawRequest(url: string, method: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = http.request(
      { host: u.hostname, port: u.port, path: url.slice(u.origin.length), method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('admin endpoint', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterEach(() => emu.stop());

  test('GET /__emulator/state describes the emulator', async () => {
    const { status, json } = await admin(emu, 'GET', 'state');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      origin: emu.origin,
      endpoint: emu.endpoint,
      tokens: 1,
      productId: emu.productId,
      settings: emu.settings,
      faults: [],
      objects: [],
    });
    expect(json.devices).toEqual(
      expect.arrayContaining([expect.objectContaining({ deviceId: emu.devices.offline, online: false })]),
    );
  });

  test('POST /__emulator/faults injects one or many; a bad one is refused whole; DELETE clears', async () => {
    const one = await admin(emu, 'POST', 'faults', { target: 'AppGetResourceUploadURL', kind: 'invalidToken' });
    expect(one.status).toBe(200);
    expect(one.json.faults).toEqual([expect.objectContaining({ kind: 'invalidToken', remaining: 1 })]);
    expect(errorCodeOf(await callApi(emu, 'AppGetResourceUploadURL', {}))).toBe(
      'InvalidParameterValue.InvalidAccessToken',
    );

    const bad = await admin(emu, 'POST', 'faults', [
      { target: 'bucket', kind: 'drop' },
      { target: 'bucket', kind: 'malformedJson' },
    ]);
    expect(bad.status).toBe(400);
    expect(String(bad.json.error)).toMatch(/malformedJson/);
    expect(emu.faults.pending()).toEqual([]);

    const many = await admin(emu, 'POST', 'faults', [
      { target: 'bucket', kind: 'drop', count: 2 },
      { target: 'AppCreateProductResource', kind: 'http5xx', status: 500 },
    ]);
    expect(many.json.faults).toHaveLength(2);
    const cleared = await rawRequest(`${emu.origin}/__emulator/faults`, 'DELETE');
    expect(cleared.status).toBe(200);
    expect(emu.faults.pending()).toEqual([]);
  });

  test('POST /__emulator/devices toggles or adds a device', async () => {
    const { json } = await admin(emu, 'POST', 'devices', { deviceId: emu.devices.offline, online: true });
    expect(json.devices).toEqual(
      expect.arrayContaining([expect.objectContaining({ deviceId: emu.devices.offline, online: true })]),
    );
    await admin(emu, 'POST', 'devices', { deviceId: `${emu.productId}/new`, online: false });
    expect(emu.listDevices().find((d) => d.deviceName === 'new')).toMatchObject({ online: false });
    expect((await admin(emu, 'POST', 'devices', { deviceId: 'x' })).status).toBe(400);
    expect((await admin(emu, 'POST', 'devices', { deviceId: 'noslash', online: true })).status).toBe(400);
  });

  test('POST /__emulator/tokens and /__emulator/settings', async () => {
    await admin(emu, 'POST', 'tokens', { add: 'browser-token', uid: '42' });
    const answer = await callApi(
      emu,
      'AppGetResourceUploadURL',
      { ProductId: emu.productId, UserResourceName: 'n', FileSize: 1, ResourceVer: '1' },
      { AccessToken: 'browser-token' },
    );
    expect((answer.json as { data: { ResourceName: string } }).data.ResourceName).toBe('USER_42_RES_n');
    await admin(emu, 'POST', 'tokens', { revoke: 'browser-token' });
    expect(errorCodeOf(await callApi(emu, 'AppGetResourceUploadURL', {}, { AccessToken: 'browser-token' }))).toBe(
      'InvalidParameterValue.InvalidAccessToken',
    );

    const changed = await admin(emu, 'POST', 'settings', { envelope: 'response', deliveryDelayMs: 5 });
    expect(changed.json.settings).toMatchObject({ envelope: 'response', deliveryDelayMs: 5 });
    expect(Object.keys((await callApi(emu, 'AppDoesNotExist', {})).json as object)).toEqual(['Response']);
    expect((await admin(emu, 'POST', 'settings', { envelope: 'xml' })).status).toBe(400);
    expect((await admin(emu, 'POST', 'settings', { nonsense: 1 })).status).toBe(400);
    expect(emu.settings.envelope).toBe('response');
  });

  test('POST /__emulator/reset returns to the start state', async () => {
    const { url } = await getUploadUrl(emu, { FileSize: 1 });
    await put(url, new Uint8Array([1]));
    emu.faults.inject({ target: 'bucket', kind: 'drop' });
    emu.setDeviceOnline(emu.devices.online, false);
    emu.configure({ envelope: 'response' });
    expect((await admin(emu, 'POST', 'reset')).json).toEqual({ ok: true });
    expect(emu.objects()).toEqual([]);
    expect(emu.faults.pending()).toEqual([]);
    expect(emu.calls).toEqual([]);
    expect(emu.settings.envelope).toBe('code');
    expect(emu.listDevices().find((d) => d.deviceId === emu.devices.online)?.online).toBe(true);
    expect(
      (
        await callApi(emu, 'AppGetResourceUploadURL', {
          ProductId: emu.productId,
          UserResourceName: 'n',
          FileSize: 1,
          ResourceVer: '1',
        })
      ).status,
    ).toBe(200);
  });

  test('unknown routes and bad JSON', async () => {
    expect((await admin(emu, 'GET', 'nothing')).status).toBe(404);
    const res = await platform.request({
      url: `${emu.origin}/__emulator/faults`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
      timeoutMs: 5000,
    }).response;
    expect(res.status).toBe(400);
  });
});
