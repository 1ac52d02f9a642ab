import { TransportError } from '../../components/core';
import { Emulator, startEmulator, TOKEN_ACTIONS } from '../../emulator';
import { callApi, cosError, dataOf, errorCodeOf, getUploadUrl, platform, put } from './helpers';

const uploadParams = (emu: Emulator) => ({
  ProductId: emu.productId,
  UserResourceName: 'restest',
  FileSize: 1,
  ResourceVer: '0.0.1',
});

async function transportFailure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TransportError) return err.kind;
    throw err;
  }
  throw new Error('expected a transport failure');
}

describe('fault injection', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterEach(() => emu.stop());

  test.each(TOKEN_ACTIONS.map((action) => ({ action })))(
    'http5xx on $action: status and InternalError, then back to normal',
    async ({ action }) => {
      emu.faults.inject({ target: action, kind: 'http5xx', status: 502, count: 2 });
      for (let i = 0; i < 2; i++) {
        const answer = await callApi(emu, action, {});
        expect(answer.status).toBe(502);
        expect(errorCodeOf(answer)).toBe('InternalError');
      }
      const after = await callApi(emu, action, {});
      expect(after.status).toBe(200);
      expect(errorCodeOf(after)).not.toBe('InternalError');
      expect(emu.faults.pending()).toEqual([]);
    },
  );

  test('a fault only hits its own target', async () => {
    emu.faults.inject({ target: 'AppCreateProductResource', kind: 'http5xx' });
    expect((await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu))).status).toBe(200);
    expect(emu.faults.pending()).toHaveLength(1);
  });

  test('faults for one target apply in injection order', async () => {
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'invalidToken' });
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'apiError', code: 'RequestLimitExceeded' });
    expect(errorCodeOf(await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu)))).toBe(
      'InvalidParameterValue.InvalidAccessToken',
    );
    expect(errorCodeOf(await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu)))).toBe('RequestLimitExceeded');
    expect(dataOf(await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu))).UploadUrl).toBeDefined();
  });

  test('drop: the socket closes without an answer', async () => {
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'drop' });
    expect(await transportFailure(callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu)))).toBe('network');
    expect(emu.calls[0]).toMatchObject({ action: 'AppGetResourceUploadURL', fault: 'drop', status: 0 });
  });

  test('delay: the answer comes after delayMs, and a shorter client timeout times out', async () => {
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'delay', delayMs: 300, count: 2 });
    const started = Date.now();
    expect((await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const task = platform.request({
      url: emu.endpoint,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        AccessToken: emu.token,
        RequestId: 't',
        Action: 'AppGetResourceUploadURL',
        ...uploadParams(emu),
      }),
      timeoutMs: 50,
    });
    expect(await transportFailure(task.response)).toBe('timeout');
  });

  test('malformedJson: a 200 whose body is not JSON', async () => {
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'malformedJson' });
    const answer = await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu));
    expect(answer.status).toBe(200);
    expect(answer.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(answer.text).not.toContain(emu.token);
  });

  test('invalidToken: InvalidAccessToken although the token is good', async () => {
    emu.faults.inject({ target: 'AppCreateProductResource', kind: 'invalidToken' });
    expect(errorCodeOf(await callApi(emu, 'AppCreateProductResource', {}))).toBe(
      'InvalidParameterValue.InvalidAccessToken',
    );
  });

  test('expiredUrl on AppGetResourceUploadURL issues a URL that has already expired', async () => {
    emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'expiredUrl' });
    const { url } = await getUploadUrl(emu, { FileSize: 1 });
    const sign = new URLSearchParams(new URL(url).searchParams.get('sign') ?? '');
    const end = Number((sign.get('q-sign-time') ?? '').split(';')[1]);
    expect(end).toBeLessThan(Date.now() / 1000);
    const res = await put(url, new Uint8Array([1]));
    expect(res.status).toBe(403);
    expect(cosError(res.body)).toEqual({ code: 'AccessDenied', message: 'Request has expired' });
    // The next URL is fine.
    const fresh = await getUploadUrl(emu, { FileSize: 1 });
    expect((await put(fresh.url, new Uint8Array([1]))).status).toBe(200);
  });

  describe('bucket', () => {
    test('expiredUrl: a valid URL gets the expired 403, once', async () => {
      const { url } = await getUploadUrl(emu, { FileSize: 1 });
      emu.faults.inject({ target: 'bucket', kind: 'expiredUrl' });
      const res = await put(url, new Uint8Array([1]));
      expect(res.status).toBe(403);
      expect(cosError(res.body)).toEqual({ code: 'AccessDenied', message: 'Request has expired' });
      expect((await put(url, new Uint8Array([1]))).status).toBe(200);
    });

    test('http5xx: an XML InternalError with the chosen status', async () => {
      const { url } = await getUploadUrl(emu, { FileSize: 1 });
      emu.faults.inject({ target: 'bucket', kind: 'http5xx' });
      const res = await put(url, new Uint8Array([1]));
      expect(res.status).toBe(503);
      expect(cosError(res.body).code).toBe('InternalError');
      expect(emu.objects()).toHaveLength(0);
    });

    test('drop and delay', async () => {
      const { url } = await getUploadUrl(emu, { FileSize: 1 });
      emu.faults.inject({ target: 'bucket', kind: 'drop' });
      expect(await transportFailure(put(url, new Uint8Array([1])))).toBe('network');
      emu.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 200 });
      const started = Date.now();
      expect((await put(url, new Uint8Array([1]))).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    });

    test('apiError: any COS error code and status', async () => {
      const { url } = await getUploadUrl(emu, { FileSize: 1 });
      emu.faults.inject({
        target: 'bucket',
        kind: 'apiError',
        code: 'SlowDown',
        status: 503,
        message: 'Please reduce your request rate.',
      });
      const res = await put(url, new Uint8Array([1]));
      expect(res.status).toBe(503);
      expect(cosError(res.body)).toEqual({ code: 'SlowDown', message: 'Please reduce your request rate.' });
    });
  });

  test('specs that make no sense are refused, and clear() empties the plan', () => {
    expect(() => emu.faults.inject({ target: 'bucket', kind: 'malformedJson' })).toThrow(/bucket/);
    expect(() => emu.faults.inject({ target: 'AppCreateProductResource', kind: 'expiredUrl' })).toThrow(/expiredUrl/);
    expect(() => emu.faults.inject({ target: 'bucket', kind: 'http5xx', status: 404 })).toThrow(/status/);
    expect(() => emu.faults.inject({ target: 'bucket', kind: 'drop', count: 0 })).toThrow(/count/);
    expect(() => emu.faults.inject({ target: 'AppGetResourceUploadURL', kind: 'apiError' })).toThrow(/code/);
    expect(emu.faults.pending()).toEqual([]);
    emu.faults.inject({ target: 'bucket', kind: 'drop', count: 3 });
    expect(emu.faults.pending()).toEqual([expect.objectContaining({ target: 'bucket', kind: 'drop', remaining: 3 })]);
    emu.faults.clear();
    expect(emu.faults.pending()).toEqual([]);
  });
});
