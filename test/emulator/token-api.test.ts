import { Emulator, startEmulator } from '../../emulator';
import {
  ApiAnswer,
  callApi,
  dataOf,
  errorCodeOf,
  getUploadUrl,
  md5Hex,
  postRaw,
  put,
  get,
  platform,
  SEED_PRODUCT_ID,
  SEED_UPLOAD_URL,
} from './helpers';

/** Reduces an upload URL to its shape: everything that legitimately varies becomes a placeholder. */
function shapeOf(url: string, origin: string, productId: string, uid: string): string {
  return url
    .replace(origin, '<origin>')
    .replace(productId, '<pid>')
    .replace(uid, '<uid>')
    .replace(/AKID[A-Za-z0-9]+/, '<ak>')
    .replace(/[0-9a-f]{40}/, '<sig>')
    .replace(/\d+/g, '<n>');
}

function signWindowOf(url: string): { start: number; end: number; keyTime: string; signTime: string } {
  const sign = new URL(url).searchParams.get('sign') ?? '';
  const fields = new URLSearchParams(sign);
  const [start, end] = (fields.get('q-sign-time') ?? '').split(';').map(Number);
  return { start, end, signTime: fields.get('q-sign-time') ?? '', keyTime: fields.get('q-key-time') ?? '' };
}

const uploadParams = (emu: Emulator, extra: Record<string, unknown> = {}) => ({
  ProductId: emu.productId,
  UserResourceName: 'restest',
  FileSize: 5179,
  ResourceVer: '0.0.1',
  ...extra,
});

describe('token API', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0, urlValiditySeconds: 1800 });
  });
  afterEach(() => emu.stop());

  test('AppGetResourceUploadURL answers in the code envelope with a URL shaped like the seed example', async () => {
    const answer = await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu), { RequestId: 'my-id-1' });
    expect(answer.status).toBe(200);
    const body = answer.json as { code: number; msg: string; data: Record<string, string> };
    expect(body.code).toBe(0);
    expect(body.msg).toBe('');
    expect(Object.keys(body.data).sort()).toEqual(['RequestId', 'ResourceName', 'UploadUrl']);
    expect(body.data.RequestId).toBe('my-id-1');
    expect(body.data.ResourceName).toBe(`USER_${emu.uid}_RES_restest`);

    const seedOrigin = new URL(SEED_UPLOAD_URL).origin;
    const seedShape = shapeOf(SEED_UPLOAD_URL, seedOrigin, SEED_PRODUCT_ID, '72375312314273792');
    expect(shapeOf(body.data.UploadUrl, emu.origin, emu.productId, emu.uid)).toBe(seedShape);
    expect(body.data.UploadUrl).toContain(`res%2F`);
    expect(body.data.UploadUrl).toContain(`_${emu.productId}_USER_${emu.uid}_RES_restest_0.0.1?sign=`);

    const w = signWindowOf(body.data.UploadUrl);
    expect(w.end - w.start).toBe(1800);
    expect(Math.abs(w.start - Date.now() / 1000)).toBeLessThan(5);
    expect(w.keyTime).toBe(w.signTime);
  });

  test('each call issues a different key', async () => {
    const a = await getUploadUrl(emu, { FileSize: 1 });
    const b = await getUploadUrl(emu, { FileSize: 1 });
    expect(a.url.split('?')[0]).not.toBe(b.url.split('?')[0]);
  });

  test('the Response envelope, for successes and errors', async () => {
    emu.configure({ envelope: 'response' });
    const ok = await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu), { RequestId: 'r-env' });
    const r = (ok.json as { Response: Record<string, string> }).Response;
    expect(Object.keys(ok.json as object)).toEqual(['Response']);
    expect(r.RequestId).toBe('r-env');
    expect(r.ResourceName).toBe(`USER_${emu.uid}_RES_restest`);
    expect(r.UploadUrl.startsWith(emu.origin + '/res%2F')).toBe(true);

    const bad = await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu), {
      AccessToken: 'nope',
      RequestId: 'r-bad',
    });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({
      Response: {
        Error: { Code: 'InvalidParameterValue.InvalidAccessToken', Message: expect.any(String) },
        RequestId: 'r-bad',
      },
    });
  });

  test('errors in the code envelope carry code -1000, msg, Error and RequestId', async () => {
    const bad = await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu, { ProductId: 'NOSUCHPROD' }), {
      RequestId: 'r-x',
    });
    expect(bad.status).toBe(200);
    const body = bad.json as {
      code: number;
      msg: string;
      data: { Error: { Code: string; Message: string }; RequestId: string };
    };
    expect(body.code).toBe(-1000);
    expect(body.data.Error.Code).toBe('UnauthorizedOperation.APPNoPermissionToStudioProduct');
    expect(body.msg).toBe(body.data.Error.Message);
    expect(body.data.RequestId).toBe('r-x');
  });

  const errorCases: Array<[name: string, call: (emu: Emulator) => Promise<ApiAnswer>, code: string]> = [
    [
      'missing ProductId',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e, { ProductId: undefined })),
      'ErrorRequiredParamNotFound',
    ],
    [
      'missing FileSize',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e, { FileSize: undefined })),
      'ErrorRequiredParamNotFound',
    ],
    [
      'FileSize as a string',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e, { FileSize: '5179' })),
      'InvalidParameterValue',
    ],
    [
      'FileSize negative',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e, { FileSize: -1 })),
      'InvalidParameterValue',
    ],
    [
      'FileSize fractional',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e, { FileSize: 1.5 })),
      'InvalidParameterValue',
    ],
    [
      'empty UserResourceName',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e, { UserResourceName: '' })),
      'InvalidParameterValue',
    ],
    [
      'unknown product',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e, { ProductId: 'OTHERPROD1' })),
      'UnauthorizedOperation.APPNoPermissionToStudioProduct',
    ],
    [
      'wrong token',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e), { AccessToken: 'x'.repeat(40) }),
      'InvalidParameterValue.InvalidAccessToken',
    ],
    [
      'missing AccessToken',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e), { AccessToken: undefined }),
      'ErrorRequiredParamNotFound',
    ],
    [
      'missing RequestId',
      (e) => callApi(e, 'AppGetResourceUploadURL', uploadParams(e), { RequestId: undefined }),
      'ErrorRequiredParamNotFound',
    ],
    ['unknown action', (e) => callApi(e, 'AppDoSomethingElse', {}), 'InvalidAction'],
    ['not JSON', (e) => postRaw(e, '{"AccessToken": "t", '), 'InvalidParameterValue.InvalidJSON'],
    ['a JSON array', (e) => postRaw(e, '[1,2]'), 'InvalidParameterValue.InvalidJSON'],
  ];

  test.each(errorCases.map(([name, call, code]) => ({ name, call, code })))('$name → $code', async ({ call, code }) => {
    const answer = await call(emu);
    expect(answer.status).toBe(200);
    expect(errorCodeOf(answer)).toBe(code);
    // A RequestId is always present, even when the client sent none.
    const requestId = (answer.json as { data: { RequestId: string } }).data.RequestId;
    expect(typeof requestId).toBe('string');
    expect(requestId.length).toBeGreaterThan(0);
  });

  test('apiErrorStatus changes the HTTP status of error answers only', async () => {
    emu.configure({ apiErrorStatus: 400 });
    const bad = await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu), { AccessToken: 'nope' });
    expect(bad.status).toBe(400);
    expect(errorCodeOf(bad)).toBe('InvalidParameterValue.InvalidAccessToken');
    expect((await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu))).status).toBe(200);
  });

  test('GET on the token API is refused', async () => {
    const res = await platform.request({ url: emu.endpoint, method: 'GET', headers: {}, timeoutMs: 5000 }).response;
    expect(res.status).toBe(405);
    expect(errorCodeOf({ status: res.status, headers: res.headers, text: res.body, json: JSON.parse(res.body) })).toBe(
      'InvalidParameterValue',
    );
  });

  test('tokens can be added (with their own user) and revoked', async () => {
    emu.addToken('second-token', '1234567');
    const answer = await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu), { AccessToken: 'second-token' });
    expect(dataOf(answer).ResourceName).toBe('USER_1234567_RES_restest');
    emu.revokeToken(emu.token);
    expect(errorCodeOf(await callApi(emu, 'AppGetResourceUploadURL', uploadParams(emu)))).toBe(
      'InvalidParameterValue.InvalidAccessToken',
    );
  });

  test('the query string the official SDK appends is accepted', async () => {
    const res = await platform.request({
      url: `${emu.endpoint}?uin=123&cmd=AppGetResourceUploadURL`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        AccessToken: emu.token,
        RequestId: 'q',
        Action: 'AppGetResourceUploadURL',
        RegionId: '1',
        ...uploadParams(emu),
      }),
      timeoutMs: 5000,
    }).response;
    expect(JSON.parse(res.body).code).toBe(0);
  });

  test('calls are logged with their params, never the token or a signature; log lines too', async () => {
    const lines: string[] = [];
    const logged = await startEmulator({ port: 0, log: (l) => lines.push(l) });
    try {
      const { url } = await getUploadUrl(logged, { FileSize: 3 });
      await put(url, new Uint8Array([1, 2, 3]));
      const calls = logged.calls;
      expect(calls[0]).toMatchObject({
        type: 'api',
        action: 'AppGetResourceUploadURL',
        status: 200,
        params: { ProductId: logged.productId, UserResourceName: 'restest', FileSize: 3, ResourceVer: '0.0.1' },
      });
      expect(calls[0].type === 'api' && calls[0].requestId).toMatch(/^req-/);
      expect(calls[1]).toMatchObject({ type: 'bucket', method: 'PUT', status: 200, bytes: 3 });
      const signature = new URLSearchParams(new URL(url).searchParams.get('sign') ?? '').get('q-signature') ?? '';
      expect(signature).toMatch(/^[0-9a-f]{40}$/);
      const everything = JSON.stringify(calls) + lines.join('\n');
      expect(everything).not.toContain(logged.token);
      expect(everything).not.toContain(signature);
      expect(lines.some((l) => l.includes('AppGetResourceUploadURL'))).toBe(true);
    } finally {
      await logged.stop();
    }
  });

  describe('register and download', () => {
    // Text, so the GET body (read as text by the platform) can be compared byte for byte.
    const bytes = new Uint8Array(Buffer.from('la la la, a song for the device\n'.repeat(64), 'utf8'));
    const md5 = md5Hex(bytes);
    const register = (e: Emulator, extra: Record<string, unknown> = {}) =>
      callApi(e, 'AppCreateProductResource', {
        ProductId: e.productId,
        UserResourceName: 'song',
        FileSize: bytes.length,
        ResourceVer: '1.0.0',
        FileHash: md5,
        ResourceType: 'FILE',
        ...extra,
      });

    test('AppCreateProductResource refuses a file that was never uploaded', async () => {
      expect(errorCodeOf(await register(emu))).toBe('InvalidParameterValue');
    });

    test('after the PUT: wrong hash, size or type are refused, the right ones registered', async () => {
      const { url } = await getUploadUrl(emu, {
        UserResourceName: 'song',
        ResourceVer: '1.0.0',
        FileSize: bytes.length,
      });
      expect((await put(url, bytes)).status).toBe(200);
      expect(errorCodeOf(await register(emu, { FileHash: md5Hex(new Uint8Array([9])) }))).toBe('InvalidParameterValue');
      expect(errorCodeOf(await register(emu, { FileSize: bytes.length + 1 }))).toBe('InvalidParameterValue');
      expect(errorCodeOf(await register(emu, { ResourceType: 'AUDIO' }))).toBe('InvalidParameterValue');
      expect(errorCodeOf(await register(emu, { ResourceVer: '2.0.0' }))).toBe('InvalidParameterValue');
      const ok = await register(emu, { FileHash: md5.toUpperCase() });
      expect(dataOf(ok).ResourceName).toBe(`USER_${emu.uid}_RES_song`);
    });

    test('AppGetResourceDownloadUrl gives a presigned GET of the stored bytes, registered or not', async () => {
      const { url } = await getUploadUrl(emu, {
        UserResourceName: 'song',
        ResourceVer: '1.0.0',
        FileSize: bytes.length,
      });
      await put(url, bytes, 'audio/mpeg');
      const download = { ProductId: emu.productId, UserResourceName: 'song', ResourceVer: '1.0.0' };
      for (const registered of [false, true]) {
        if (registered) await register(emu);
        const answer = await callApi(emu, 'AppGetResourceDownloadUrl', download);
        const downloadUrl = String(dataOf(answer).DownloadUrl);
        expect(downloadUrl.startsWith(emu.origin + '/res%2F')).toBe(true);
        const res = await get(downloadUrl);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('audio/mpeg');
        expect(res.headers.etag).toBe(`"${md5}"`);
        expect(res.body).toBe(Buffer.from(bytes).toString('utf8'));
      }
      for (const missing of ['UserResourceName', 'ResourceVer', 'ProductId']) {
        const params: Record<string, unknown> = { ...download };
        delete params[missing];
        expect(errorCodeOf(await callApi(emu, 'AppGetResourceDownloadUrl', params))).toBe('ErrorRequiredParamNotFound');
      }
    });
  });
});
