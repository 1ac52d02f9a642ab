import { setAccessTokenProvider, UploadError } from '../../components/core';
import { apiError, ENDPOINT, FakePlatform, SEED_SIGNATURE } from '../support/fake-platform';
import { guardAgainstLeaks, observeUpload } from '../support/observe';

const OLD = 'tok-old-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const NEW = 'tok-new-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const INVALID = 'InvalidParameterValue.InvalidAccessToken';
const emitted = guardAgainstLeaks(() => [OLD, NEW, SEED_SIGNATURE]);

function setup() {
  const platform = new FakePlatform();
  platform.addFile('/tmp/a.bin', new Uint8Array([9, 9, 9]));
  return { platform, options: { platform, filePath: '/tmp/a.bin', productId: 'P1', endpoint: ENDPOINT } };
}
const tokensSent = (p: FakePlatform) => p.requests.filter((r) => r.json).map((r) => r.json!.AccessToken);

test('an invalid token is renewed once through the provider and the call repeated', async () => {
  const { platform, options } = setup();
  const reasons: string[] = [];
  setAccessTokenProvider(({ reason }) => {
    reasons.push(reason);
    return Promise.resolve(NEW);
  });
  platform.script('AppGetResourceUploadURL', apiError(INVALID, 'token expired'));
  const out = await observeUpload(emitted, { ...options, accessToken: OLD });
  expect(out.error).toBeUndefined();
  expect(reasons).toEqual(['invalid']);
  expect(tokensSent(platform)).toEqual([OLD, NEW]);
});

test('a token still invalid after renewal fails with the API code; the provider is not asked twice', async () => {
  const { platform, options } = setup();
  let asked = 0;
  setAccessTokenProvider(() => {
    asked++;
    return NEW;
  });
  platform.script('AppGetResourceUploadURL', apiError(INVALID), apiError(INVALID), apiError(INVALID));
  const out = await observeUpload(emitted, { ...options, accessToken: OLD, locale: 'en' });
  expect(out.error).toMatchObject({ code: INVALID, retryable: false });
  expect(out.error!.message).toBe('The sign-in has expired; sign in again and retry');
  expect(asked).toBe(1);
  expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(2);
});

test('any code containing InvalidAccessToken counts, as in the official SDK', async () => {
  const { platform, options } = setup();
  setAccessTokenProvider(() => NEW);
  platform.script('AppGetResourceUploadURL', apiError('AuthFailure.InvalidAccessToken'));
  const out = await observeUpload(emitted, { ...options, accessToken: OLD });
  expect(out.error).toBeUndefined();
  expect(tokensSent(platform)).toEqual([OLD, NEW]);
});

test('without a provider an invalid token fails at once', async () => {
  const { platform, options } = setup();
  platform.script('AppGetResourceUploadURL', apiError(INVALID));
  const out = await observeUpload(emitted, { ...options, accessToken: OLD });
  expect(out.error!.code).toBe(INVALID);
  expect(platform.requests).toHaveLength(1);
});

test('no token given: the provider is asked with reason "missing", once per upload', async () => {
  const { platform, options } = setup();
  const reasons: string[] = [];
  setAccessTokenProvider(({ reason }) => {
    reasons.push(reason);
    return NEW;
  });
  const out = await observeUpload(emitted, { ...options, register: true });
  expect(out.error).toBeUndefined();
  expect(reasons).toEqual(['missing']);
  expect(tokensSent(platform)).toEqual([NEW, NEW]);
});

test('missing, then invalid: each reason asked once', async () => {
  const { platform, options } = setup();
  const reasons: string[] = [];
  setAccessTokenProvider(({ reason }) => {
    reasons.push(reason);
    return reason === 'missing' ? OLD : NEW;
  });
  platform.script('AppGetResourceUploadURL', apiError(INVALID));
  const out = await observeUpload(emitted, options);
  expect(out.error).toBeUndefined();
  expect(reasons).toEqual(['missing', 'invalid']);
  expect(tokensSent(platform)).toEqual([OLD, NEW]);
});

test('a renewed token is used by later actions of the same upload too', async () => {
  const { platform, options } = setup();
  setAccessTokenProvider(() => NEW);
  platform.script('AppGetResourceUploadURL', apiError(INVALID));
  await observeUpload(emitted, { ...options, accessToken: OLD, register: true });
  expect(tokensSent(platform)).toEqual([OLD, NEW, NEW]);
});

test.each([
  ['throws', () => {
    throw new Error('login failed: secret detail');
  }],
  ['rejects', () => Promise.reject(new Error('nope'))],
  ['returns empty', () => ''],
  ['returns a non-string', () => 42 as unknown as string],
])('a provider that %s gives MissingAccessToken and no request', async (_n, fn) => {
  const { platform, options } = setup();
  setAccessTokenProvider(fn);
  const out = await observeUpload(emitted, options);
  expect(out.error).toMatchObject({ code: 'MissingAccessToken', retryable: false, requestId: '' });
  expect(out.error!.message).not.toContain('secret detail');
  expect(platform.requests).toHaveLength(0);
});

test('neither token nor provider: MissingAccessToken before touching the file', async () => {
  const { platform, options } = setup();
  let touched = 0;
  platform.fileInfo = async () => {
    touched++;
    return { size: 3, md5: 'x' };
  };
  const out = await observeUpload(emitted, options);
  expect(out.error!.code).toBe('MissingAccessToken');
  expect(touched).toBe(0);
});

test('setAccessTokenProvider(null) removes it; a non-function is refused with InvalidOption', () => {
  setAccessTokenProvider(() => 'x');
  setAccessTokenProvider(null);
  for (const junk of ['nope', 42, {}, true]) {
    let thrown: unknown;
    try {
      setAccessTokenProvider(junk as never);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UploadError);
    expect((thrown as UploadError).code).toBe('InvalidOption');
    expect((thrown as UploadError).message).toContain('setAccessTokenProvider');
  }
});
