import { newRequestId, parseTokenApiResponse } from '../../components/core';
import { apiError, codeEnvelope, ENDPOINT, FakePlatform, responseEnvelope, SEED_SIGNATURE } from '../support/fake-platform';
import { guardAgainstLeaks, observeUpload } from '../support/observe';

const TOKEN = 'tok-8b4a70dd16105f0123456789abcdef18edd4e78a3bb8ec';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const emitted = guardAgainstLeaks(() => [TOKEN, SEED_SIGNATURE]);

function setup(bytes = new Uint8Array([1, 2, 3, 4, 5])) {
  const platform = new FakePlatform();
  platform.addFile('wxfile://tmp/voice.mp3', bytes);
  const options = { platform, filePath: 'wxfile://tmp/voice.mp3', productId: 'PROD1', accessToken: TOKEN, endpoint: ENDPOINT };
  return { platform, options };
}

describe('AppGetResourceUploadURL request', () => {
  test('POSTs JSON with the public parameters and exactly the documented fields', async () => {
    const { platform, options } = setup();
    const out = await observeUpload(emitted, { ...options, resourceName: 'restest', resourceVer: '1.2.3' });
    expect(out.error).toBeUndefined();
    const [call] = platform.calls('AppGetResourceUploadURL');
    expect(call.url).toBe(ENDPOINT);
    expect(call.method).toBe('POST');
    expect(call.headers['content-type']).toBe('application/json');
    expect(Object.keys(call.json!).sort()).toEqual(['AccessToken', 'Action', 'FileSize', 'ProductId', 'RequestId', 'ResourceVer', 'UserResourceName']);
    expect(call.json).toMatchObject({ AccessToken: TOKEN, Action: 'AppGetResourceUploadURL', ProductId: 'PROD1', UserResourceName: 'restest', FileSize: 5, ResourceVer: '1.2.3' });
    expect(Number.isInteger(call.json!.FileSize)).toBe(true);
    expect(call.json!.RequestId).toMatch(UUID_V4);
  });

  test('defaults: resource name is the lower-case MD5, version 0.0.1', async () => {
    const { platform, options } = setup(new Uint8Array(Buffer.from('hello')));
    await observeUpload(emitted, options);
    const [call] = platform.calls('AppGetResourceUploadURL');
    expect(call.json!.UserResourceName).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(call.json!.ResourceVer).toBe('0.0.1');
  });

  test('result.requestId is the RequestId of the call whose URL stored the file', async () => {
    const { platform, options } = setup();
    const out = await observeUpload(emitted, options);
    expect(out.result!.requestId).toBe(platform.calls('AppGetResourceUploadURL')[0].json!.RequestId);
  });
});

describe('RequestId', () => {
  test('is a UUID v4 and unique across 1,000 calls', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = newRequestId();
      expect(id).toMatch(UUID_V4);
      ids.add(id);
    }
    expect(ids.size).toBe(1000);
  });

  test('uses the platform randomness when it has some', () => {
    const id = newRequestId({ randomBytes: (n) => new Uint8Array(n).fill(0xff) });
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  test('differs across retries of the same call', async () => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', { transport: 'network' }, { status: 503, body: 'busy' });
    const out = await observeUpload(emitted, options);
    expect(out.error).toBeUndefined();
    const ids = platform.calls('AppGetResourceUploadURL').map((c) => c.json!.RequestId as string);
    expect(ids).toHaveLength(3);
    ids.forEach((id) => expect(id).toMatch(UUID_V4));
    expect(new Set(ids).size).toBe(3);
  });
});

describe('response envelopes and error shapes', () => {
  const res = (status: number, body: unknown) => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const url = { UploadUrl: 'https://b.example/k?sign=x', ResourceName: 'R' };

  test.each([
    ['documented Response envelope', res(200, { Response: { RequestId: 'r1', ...url } }), { ok: true, requestId: 'r1' }],
    ['code/msg/data envelope', res(200, { code: 0, msg: '', data: { RequestId: 'r2', ...url } }), { ok: true, requestId: 'r2' }],
    ['code envelope without RequestId falls back to ours', res(200, { code: 0, data: url }), { ok: true, requestId: 'sent' }],
    ['API 3.0 error', res(200, { Response: { Error: { Code: 'InvalidParameterValue', Message: 'bad' }, RequestId: 'r3' } }), { ok: false, code: 'InvalidParameterValue', requestId: 'r3', serverMessage: 'bad' }],
    ['code envelope error', res(200, { code: -1000, msg: 'm', data: { Error: { Code: 'InternalError', Message: 'boom' } } }), { ok: false, code: 'InternalError', serverMessage: 'boom' }],
    ['bare code/msg', res(200, { code: 1001, msg: 'denied' }), { ok: false, code: '1001', serverMessage: 'denied' }],
    ['Error.Code wins over a 500 status', res(500, { Response: { Error: { Code: 'InternalError', Message: 'x' } } }), { ok: false, code: 'InternalError' }],
    ['Error.Code wins over a 401 status', res(401, { code: -1, data: { Error: { Code: 'InvalidParameterValue.InvalidAccessToken', Message: 'x' } } }), { ok: false, code: 'InvalidParameterValue.InvalidAccessToken' }],
    ['non-zero code wins over status', res(502, { code: 7, msg: 'x' }), { ok: false, code: '7' }],
    ['non-2xx with a success body', res(503, { code: 0, data: url }), { ok: false, code: 'HttpError' }],
    ['non-2xx HTML', res(502, '<html>Bad gateway</html>'), { ok: false, code: 'HttpError' }],
    ['2xx garbage', res(200, 'not json'), { ok: false, code: 'InvalidResponse' }],
    ['2xx JSON without an envelope', res(200, { hello: 1 }), { ok: false, code: 'InvalidResponse' }],
    ['2xx code 0 without data', res(200, { code: 0, msg: '' }), { ok: false, code: 'InvalidResponse' }],
    ['2xx JSON null', res(200, 'null'), { ok: false, code: 'InvalidResponse' }],
  ])('%s', (_name, response, expected) => {
    expect(parseTokenApiResponse(response, 'sent')).toMatchObject(expected);
  });

  test('a Response envelope answer uploads like a code envelope one', async () => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', responseEnvelope({ RequestId: 'srv-1', UploadUrl: 'https://bucket.example/res%2Fa?sign=q-signature%3D' + SEED_SIGNATURE, ResourceName: 'USER_1_RES_x' }));
    const out = await observeUpload(emitted, options);
    expect(out.error).toBeUndefined();
    expect(out.result).toMatchObject({ resourceName: 'USER_1_RES_x', requestId: 'srv-1' });
    expect(platform.calls('PUT')[0].url).toBe('https://bucket.example/res%2Fa?sign=q-signature%3D' + SEED_SIGNATURE);
  });

  test.each([
    ['no UploadUrl', codeEnvelope({ ResourceName: 'x' })],
    ['UploadUrl not a URL', codeEnvelope({ UploadUrl: 'javascript:alert(1)' })],
  ])('%s fails InvalidResponse, not retried', async (_name, answer) => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', answer);
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code: 'InvalidResponse', retryable: false });
    expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(1);
    expect(platform.calls('PUT')).toHaveLength(0);
  });

  test('API codes pass through unchanged with the server RequestId, not retried', async () => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', apiError('UnauthorizedOperation.APPNoPermissionToStudioProduct', 'app not linked'));
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code: 'UnauthorizedOperation.APPNoPermissionToStudioProduct', requestId: 'srv-UnauthorizedOperation.APPNoPermissionToStudioProduct', retryable: false });
    expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(1);
  });

  test('an unknown API code keeps the server words in the message, with the token redacted', async () => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', apiError('FailedOperation.Weird', `token ${TOKEN} looks odd`));
    const out = await observeUpload(emitted, { ...options, locale: 'en' });
    expect(out.error!.code).toBe('FailedOperation.Weird');
    expect(out.error!.message).toContain('FailedOperation.Weird');
    expect(out.error!.message).toContain('looks odd');
    expect(out.error!.message).not.toContain(TOKEN);
  });
});
