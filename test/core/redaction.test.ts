/**
 * Issue 10 "Secrets": a hostile server echoes the token and the URL signature back in every field
 * it controls, cut, re-cased, URL-encoded or form-decoded. Nothing the package surfaces may hold
 * 16 consecutive characters of either (SPEC "Never (added)" and "Clarifications (0.2)").
 */
import { Secrets } from '../../components/core';
import { cosError, ENDPOINT, FakePlatform, SEED_SIGNATURE, SEED_UPLOAD_URL } from '../support/fake-platform';
import { Emitted, findSecretWindow, observeUpload } from '../support/observe';

const TOKEN = 'tok-hostile-0123456789abcdefGHIJKLMNOP';
const B64_SIG = 'Zm9v+YmFy/YmF6+cXV4/Y29yZ2U+Z3JhdWx0';

function setup() {
  const platform = new FakePlatform();
  platform.addFile('/f/a.mp3', new Uint8Array(64).fill(3));
  return { platform, options: { platform, filePath: '/f/a.mp3', productId: 'P', accessToken: TOKEN, endpoint: ENDPOINT, retryDelay: 1, locale: 'en' as const } };
}

/** Every way issue 10 saw a secret come back. */
function echoes(secret: string): string[] {
  return [secret, secret.slice(0, 20), secret.slice(3, 27), secret.toUpperCase(), encodeURIComponent(secret), secret.replace(/\+/g, ' ')];
}

function surfaced(out: { result?: object; error?: object }): Emitted {
  const e = new Emitted();
  if (out.result) e.add(out.result);
  if (out.error) {
    e.add(out.error);
    e.add({ ...(out.error as object) });
  }
  return e;
}

describe('the leak check itself', () => {
  test('finds cut, re-cased, encoded and form-decoded copies, and nothing in clean text', () => {
    for (const echo of echoes(TOKEN)) expect(findSecretWindow('x ' + echo + ' y', [TOKEN])).not.toBeNull();
    expect(findSecretWindow('abc ' + B64_SIG.replace(/\+/g, ' ') + ' def', [B64_SIG])).not.toBeNull();
    expect(findSecretWindow(SEED_SIGNATURE.slice(10, 26).toUpperCase(), [SEED_SIGNATURE])).not.toBeNull();
    expect(findSecretWindow(SEED_SIGNATURE.slice(10, 25), [SEED_SIGNATURE])).toBeNull();
    expect(findSecretWindow('The upload link has an invalid signature', [TOKEN, SEED_SIGNATURE])).toBeNull();
  });

  test('fails when redaction is broken', async () => {
    const spy = jest.spyOn(Secrets.prototype, 'redact').mockImplementation((t: string) => t);
    try {
      const { platform, options } = setup();
      platform.script('AppGetResourceUploadURL', { status: 400, body: JSON.stringify({ Response: { Error: { Code: 'InvalidParameter', Message: 'bad ' + TOKEN.toUpperCase() }, RequestId: 'r' } }) });
      const out = await observeUpload(new Emitted(), options);
      expect(surfaced(out).leaks([TOKEN]).length).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('token-API answers holding the token', () => {
  test.each(echoes(TOKEN))('in Error.Code, Message and RequestId (%s)', async (echo) => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', {
      status: 400,
      body: JSON.stringify({ Response: { Error: { Code: 'InvalidParameter.' + echo, Message: 'token ' + echo + ' refused' }, RequestId: 'id-' + echo } }),
    });
    const out = await observeUpload(new Emitted(), options);
    expect(out.error!.code.indexOf('InvalidParameter.')).toBe(0);
    expect(out.error!.requestId).toBe(platform.calls('AppGetResourceUploadURL')[0].json!.RequestId);
    expect(surfaced(out).leaks([TOKEN])).toEqual([]);
  });

  test('in the {code,msg} envelope code and msg', async () => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', { status: 200, body: JSON.stringify({ code: 'E' + TOKEN.slice(0, 20), msg: TOKEN.toUpperCase(), RequestId: TOKEN }) });
    const out = await observeUpload(new Emitted(), options);
    expect(out.error!.code.indexOf('E')).toBe(0);
    expect(surfaced(out).leaks([TOKEN])).toEqual([]);
  });

  test("in a success's RequestId and ResourceName", async () => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', {
      status: 200,
      body: JSON.stringify({ code: 0, msg: '', data: { RequestId: encodeURIComponent(TOKEN), UploadUrl: SEED_UPLOAD_URL, ResourceName: 'USER_1_RES_' + TOKEN.slice(2, 22) } }),
    });
    const out = await observeUpload(new Emitted(), options);
    expect(out.error).toBeUndefined();
    expect(out.result!.requestId).toBe(platform.calls('AppGetResourceUploadURL')[0].json!.RequestId);
    expect(out.result!.resourceName.indexOf('USER_1_RES_')).toBe(0);
    expect(surfaced(out).leaks([TOKEN])).toEqual([]);
  });
});

describe('storage answers holding the signature', () => {
  test.each(echoes(SEED_SIGNATURE))('in <Code>, <Message>, <RequestId> and x-cos-request-id (%s)', async (echo) => {
    const { platform, options } = setup();
    const answer = cosError(403, 'Sig' + echo, 'StringToSign ' + echo + ' url ' + SEED_UPLOAD_URL) as { status: number; headers: Record<string, string>; body: string };
    answer.body = answer.body.replace('cos-req-xml', SEED_UPLOAD_URL.replace(/&/g, '&amp;'));
    answer.headers['x-cos-request-id'] = SEED_UPLOAD_URL;
    platform.script('PUT', answer);
    const out = await observeUpload(new Emitted(), options);
    expect(out.error!.code.indexOf('Storage.Sig')).toBe(0);
    expect(out.error!.requestId).toBe(platform.calls('AppGetResourceUploadURL')[0].json!.RequestId);
    expect(surfaced(out).leaks([TOKEN, SEED_SIGNATURE])).toEqual([]);
  });

  test('a base64 Signature= echoed with + as a space', async () => {
    const { platform, options } = setup();
    platform.uploadUrls = ['https://bucket.example/k?x-cos-security-token=abc&Signature=' + encodeURIComponent(B64_SIG)];
    platform.script('PUT', cosError(403, 'BadSig', 'sig was ' + B64_SIG.replace(/\+/g, ' ')));
    const out = await observeUpload(new Emitted(), options);
    expect(out.error!.code).toBe('Storage.BadSig');
    expect(surfaced(out).leaks([B64_SIG])).toEqual([]);
  });

  test('a bare signature when another parameter has a malformed % escape', async () => {
    const { platform, options } = setup();
    platform.uploadUrls = [SEED_UPLOAD_URL + '&x=%E0%A4%A'];
    platform.script('PUT', cosError(403, 'BadSig', 'expected ' + SEED_SIGNATURE.slice(0, 24)));
    const out = await observeUpload(new Emitted(), options);
    expect(surfaced(out).leaks([SEED_SIGNATURE])).toEqual([]);
  });

  test('a refused (plain http) UploadUrl is still never shown', async () => {
    const { platform, options } = setup();
    platform.uploadUrls = ['http://bucket.example/k?sign=q-signature%3D' + SEED_SIGNATURE];
    platform.script('AppGetResourceUploadURL');
    const out = await observeUpload(new Emitted(), options);
    expect(out.error!.code).toBe('InvalidResponse');
    expect(surfaced(out).leaks([SEED_SIGNATURE])).toEqual([]);
  });
});
