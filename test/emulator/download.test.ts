/**
 * Stored files: `AppGetResourceDownloadUrl` issues a presigned COS GET of an object an earlier PUT
 * stored, and the bucket serves it only through such a URL, checked like COS checks it.
 */
import { randomBytes } from 'crypto';
import { Emulator, startEmulator } from '../../emulator';
import { callApi, cosError, dataOf, errorCodeOf, get, getUploadUrl, md5Hex, put, rawRequest } from './helpers';

const NAME = 'voice';
const VER = '2.0.1';

/** `q-sign-time` of a presigned URL, from its `sign` parameter. */
function signWindowOf(url: string): { start: number; end: number } {
  const sign = new URLSearchParams(new URL(url).searchParams.get('sign') ?? '');
  const [start, end] = (sign.get('q-sign-time') ?? '').split(';').map(Number);
  return { start, end };
}

/** The same URL with the last hex digit of its signature changed. */
function tamper(url: string): string {
  const out = url.replace(/(q-signature%3D[0-9a-f]{39})([0-9a-f])/, (_m, head: string, last: string) => head + (last === '0' ? '1' : '0'));
  expect(out).not.toBe(url);
  return out;
}

describe('AppGetResourceDownloadUrl and GET from the bucket', () => {
  let emu: Emulator;
  let clock: number;
  const bytes = new Uint8Array(randomBytes(70_001));

  beforeEach(async () => {
    clock = Date.now();
    emu = await startEmulator({ port: 0, now: () => clock });
  });
  afterEach(() => emu.stop());

  async function upload(content = bytes, name = NAME, ver = VER): Promise<string> {
    const { url } = await getUploadUrl(emu, { UserResourceName: name, ResourceVer: ver, FileSize: content.length });
    expect((await put(url, content, 'audio/mp4')).status).toBe(200);
    return url;
  }

  const askDownload = (extra: Record<string, unknown> = {}, publicParams: Record<string, unknown> = {}) =>
    callApi(emu, 'AppGetResourceDownloadUrl', { ProductId: emu.productId, UserResourceName: NAME, ResourceVer: VER, ...extra }, publicParams);

  async function downloadUrl(extra: Record<string, unknown> = {}): Promise<string> {
    return String(dataOf(await askDownload(extra)).DownloadUrl);
  }

  test('code envelope: {code: 0, data: {DownloadUrl, RequestId}}, and the URL gives the bytes', async () => {
    await upload();
    const answer = await askDownload({ EffectiveTime: 600 }, { RequestId: 'dl-code-1' });
    expect(answer.status).toBe(200);
    const body = answer.json as { code: number; msg: string; data: Record<string, unknown> };
    expect(body.code).toBe(0);
    expect(body.msg).toBe('');
    expect(Object.keys(body.data).sort()).toEqual(['DownloadUrl', 'RequestId']);
    expect(body.data.RequestId).toBe('dl-code-1');
    const url = String(body.data.DownloadUrl);
    expect(url).toMatch(new RegExp(`^${emu.origin}/res%2F\\d{11}_${emu.productId}_USER_${emu.uid}_RES_${NAME}_${VER}\\?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKID`));
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mp4');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers.etag).toBe(`"${md5Hex(bytes)}"`);
  });

  test('the bytes come back exactly (binary, read raw)', async () => {
    await upload();
    const url = await downloadUrl();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const http = require('http') as typeof import('http');
    const body = await new Promise<Buffer>((resolve, reject) => {
      const u = new URL(url);
      http
        .get({ host: u.hostname, port: u.port, path: url.slice(u.origin.length) }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        })
        .on('error', reject);
    });
    expect(body.equals(Buffer.from(bytes))).toBe(true);
  });

  test('Response envelope: {Response: {DownloadUrl, RequestId}}; errors as {Response: {Error, RequestId}}', async () => {
    await upload();
    emu.configure({ envelope: 'response' });
    const ok = await askDownload({}, { RequestId: 'dl-resp-1' });
    const response = (ok.json as { Response: Record<string, unknown> }).Response;
    expect(Object.keys(response).sort()).toEqual(['DownloadUrl', 'RequestId']);
    expect(response.RequestId).toBe('dl-resp-1');
    expect((await get(String(response.DownloadUrl))).status).toBe(200);
    const missing = await askDownload({ ResourceVer: '9.9.9' }, { RequestId: 'dl-resp-2' });
    expect(missing.json).toEqual({
      Response: {
        Error: { Code: 'InvalidParameterValue.ResourceNotExist', Message: expect.any(String) },
        RequestId: 'dl-resp-2',
      },
    });
  });

  test('EffectiveTime sets the signature window; without it the URL lasts urlValiditySeconds (3600)', async () => {
    await upload();
    const now = Math.floor(clock / 1000);
    expect(signWindowOf(await downloadUrl({ EffectiveTime: 90 }))).toEqual({ start: now, end: now + 90 });
    expect(signWindowOf(await downloadUrl())).toEqual({ start: now, end: now + 3600 });
    emu.configure({ urlValiditySeconds: 120 });
    expect(signWindowOf(await downloadUrl())).toEqual({ start: now, end: now + 120 });
  });

  test('an EffectiveTime that is not an integer from 1 to 604800 is InvalidParameterValue', async () => {
    await upload();
    for (const bad of [0, -5, 1.5, '600', 604_801, true, {}]) {
      const answer = await askDownload({ EffectiveTime: bad });
      expect(errorCodeOf(answer)).toBe('InvalidParameterValue');
    }
    expect(signWindowOf(await downloadUrl({ EffectiveTime: 604_800 })).end).toBe(Math.floor(clock / 1000) + 604_800);
  });

  test('nothing stored under the name and version: InvalidParameterValue.ResourceNotExist; another product: no permission', async () => {
    expect(errorCodeOf(await askDownload())).toBe('InvalidParameterValue.ResourceNotExist');
    await upload();
    expect(errorCodeOf(await askDownload({ ResourceVer: '2.0.2' }))).toBe('InvalidParameterValue.ResourceNotExist');
    expect(errorCodeOf(await askDownload({ UserResourceName: 'voic' }))).toBe('InvalidParameterValue.ResourceNotExist');
    expect(errorCodeOf(await askDownload({ ProductId: 'OTHERPROD' }))).toBe('UnauthorizedOperation.APPNoPermissionToStudioProduct');
    // An upload URL issued but never used stores nothing.
    await getUploadUrl(emu, { UserResourceName: 'never', ResourceVer: VER, FileSize: 4 });
    expect(errorCodeOf(await askDownload({ UserResourceName: 'never' }))).toBe('InvalidParameterValue.ResourceNotExist');
    // Another user's file under the same name is not this user's.
    emu.addToken('other-user-token', '12345');
    const theirs = await callApi(
      emu,
      'AppGetResourceDownloadUrl',
      { ProductId: emu.productId, UserResourceName: NAME, ResourceVer: VER },
      { AccessToken: 'other-user-token' },
    );
    expect(errorCodeOf(theirs)).toBe('InvalidParameterValue.ResourceNotExist');
  });

  test('a second upload of the same name and version is what the URL gives', async () => {
    await upload(new Uint8Array([1, 1, 1]));
    clock += 1000;
    const second = new Uint8Array([2, 2]);
    await upload(second);
    const res = await get(await downloadUrl());
    expect(res.headers.etag).toBe(`"${md5Hex(second)}"`);
  });

  test('the token API checks apply: bad token, missing RequestId, injected faults', async () => {
    await upload();
    expect(errorCodeOf(await askDownload({}, { AccessToken: 'nope' }))).toBe('InvalidParameterValue.InvalidAccessToken');
    expect(errorCodeOf(await askDownload({}, { RequestId: '' }))).toBe('ErrorRequiredParamNotFound');
    emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'apiError', code: 'RequestLimitExceeded' });
    expect(errorCodeOf(await askDownload())).toBe('RequestLimitExceeded');
    expect((await get(await downloadUrl())).status).toBe(200);
  });

  describe('the URL is checked like COS checks it', () => {
    test('expired (EffectiveTime passed on the emulator clock): 403 AccessDenied "Request has expired"', async () => {
      await upload();
      const url = await downloadUrl({ EffectiveTime: 60 });
      clock += 60_000;
      expect((await get(url)).status).toBe(200); // the last second of the window still counts
      clock += 1000;
      const res = await get(url);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toBe('application/xml');
      expect(cosError(res.body)).toEqual({ code: 'AccessDenied', message: 'Request has expired' });
      expect(res.body).not.toContain(md5Hex(bytes));
    });

    test('the expiredUrl fault issues a download URL that has already expired, once', async () => {
      await upload();
      emu.faults.inject({ target: 'AppGetResourceDownloadUrl', kind: 'expiredUrl' });
      const url = await downloadUrl({ EffectiveTime: 300 });
      expect(signWindowOf(url).end).toBeLessThan(clock / 1000);
      const res = await get(url);
      expect(res.status).toBe(403);
      expect(cosError(res.body)).toEqual({ code: 'AccessDenied', message: 'Request has expired' });
      expect((await get(await downloadUrl())).status).toBe(200);
    });

    test('a tampered signature: 403 SignatureDoesNotMatch; no signature: 403 AccessDenied', async () => {
      await upload();
      const url = await downloadUrl();
      const tampered = await get(tamper(url));
      expect(tampered.status).toBe(403);
      expect(cosError(tampered.body)).toEqual({ code: 'SignatureDoesNotMatch', message: 'The Signature you specified is invalid.' });
      const unsigned = await rawRequest(url.slice(0, url.indexOf('?')), 'GET');
      expect(unsigned.status).toBe(403);
      expect(cosError(unsigned.body).code).toBe('AccessDenied');
    });

    test('a PUT-signed URL does not GET, and a GET-signed URL does not PUT', async () => {
      const putUrl = await upload();
      const asGet = await get(putUrl);
      expect(asGet.status).toBe(403);
      expect(cosError(asGet.body).code).toBe('SignatureDoesNotMatch');
      const getUrl = await downloadUrl();
      const asPut = await put(getUrl, new Uint8Array(bytes.length), 'audio/mp4');
      expect(asPut.status).toBe(403);
      expect(cosError(asPut.body).code).toBe('SignatureDoesNotMatch');
      // The stored object is untouched.
      expect((await get(getUrl)).headers.etag).toBe(`"${md5Hex(bytes)}"`);
    });

    test('an object gone since the URL was issued: 404 NoSuchKey', async () => {
      await upload();
      const url = await downloadUrl();
      await emu.reset();
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(cosError(res.body)).toEqual({ code: 'NoSuchKey', message: 'The specified key does not exist.' });
    });

    test('HEAD, signed for HEAD: the headers without the body; a GET signature does not HEAD', async () => {
      await upload();
      const key = emu.objects()[0].key;
      const head = await rawRequest(emu.presignUrl({ method: 'HEAD', key }), 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe(String(bytes.length));
      expect(head.headers.etag).toBe(`"${md5Hex(bytes)}"`);
      expect(head.headers['content-type']).toBe('audio/mp4');
      expect(head.body).toBe('');
      expect((await rawRequest(await downloadUrl(), 'HEAD')).status).toBe(403);
    });
  });
});
