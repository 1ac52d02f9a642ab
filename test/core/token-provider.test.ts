/**
 * Issue 10 (a provider that never answers) and issue 11 Deliver 7 (one answer shared by the uploads
 * waiting for it): the provider gets `timeout` ms, then Timeout; one call answers every current
 * waiter for reason 'missing'; each upload still asks at most once per reason; 'invalid' asks again.
 */
import { setAccessTokenProvider, uploadResource } from '../../components/core';
import { apiError, ENDPOINT, FakePlatform, SEED_SIGNATURE } from '../support/fake-platform';
import { guardAgainstLeaks, observeUpload } from '../support/observe';

const TOKEN = 'tok-provider-0123456789abcdef0123456789';
const OTHER = 'tok-provider-zyxwvutsrqponmlkjihgfedcba';
const emitted = guardAgainstLeaks(() => [TOKEN, OTHER, SEED_SIGNATURE]);

function setup(files = 1) {
  const platform = new FakePlatform();
  for (let i = 0; i < files; i++) platform.addFile(`/tmp/f${i}.bin`, new Uint8Array([i, 1, 2, 3]));
  const options = (i = 0) => ({ platform, filePath: `/tmp/f${i}.bin`, productId: 'P1', endpoint: ENDPOINT, retryDelay: 1 });
  return { platform, options };
}

test('a provider that never answers ends the upload with Timeout after `timeout` ms, nothing sent', async () => {
  const { platform, options } = setup();
  setAccessTokenProvider(() => new Promise<string>(() => undefined));
  const started = Date.now();
  const out = await observeUpload(emitted, { ...options(), timeout: 150 });
  expect(out.error).toMatchObject({ code: 'Timeout', retryable: true });
  expect(Date.now() - started).toBeLessThan(3000);
  expect(platform.requests).toHaveLength(0);
});

test('SPEC 0.3: a provider call that timed out is forgotten: the next upload asks the provider again', async () => {
  const { platform, options } = setup();
  const reasons: string[] = [];
  let calls = 0;
  setAccessTokenProvider(({ reason }) => {
    reasons.push(reason);
    // The first call never answers; a later one does at once.
    return ++calls === 1 ? new Promise<string>(() => undefined) : Promise.resolve(TOKEN);
  });
  const first = await observeUpload(emitted, { ...options(), timeout: 150 });
  expect(first.error).toMatchObject({ code: 'Timeout' });
  const second = await observeUpload(emitted, { ...options(), timeout: 2000 });
  expect(second.error).toBeUndefined();
  expect(reasons).toEqual(['missing', 'missing']);
  expect(platform.calls('AppGetResourceUploadURL').map((c) => c.json!.AccessToken)).toEqual([TOKEN]);
});

test('an abort while the provider is thinking ends Aborted at once', async () => {
  const { options } = setup();
  setAccessTokenProvider(() => new Promise<string>(() => undefined));
  const task = uploadResource(options());
  setTimeout(() => task.abort(), 20);
  await expect(task).rejects.toMatchObject({ code: 'Aborted' });
});

test('9 uploads without a token share one "missing" call', async () => {
  const { platform, options } = setup(9);
  const reasons: string[] = [];
  setAccessTokenProvider(({ reason }) => {
    reasons.push(reason);
    return new Promise<string>((resolve) => setTimeout(() => resolve(TOKEN), 30));
  });
  const outs = await Promise.all(Array.from({ length: 9 }, (_, i) => observeUpload(emitted, options(i))));
  outs.forEach((o) => expect(o.error).toBeUndefined());
  expect(reasons).toEqual(['missing']);
  expect(platform.calls('AppGetResourceUploadURL').map((c) => c.json!.AccessToken)).toEqual(Array(9).fill(TOKEN));
});

test('a later upload, after the shared answer came, asks again', async () => {
  const { options } = setup(2);
  let calls = 0;
  setAccessTokenProvider(() => (calls++, TOKEN));
  await observeUpload(emitted, options(0));
  await observeUpload(emitted, options(1));
  expect(calls).toBe(2);
});

test('a shared empty answer fails every waiter with MissingAccessToken, each asked once', async () => {
  const { platform, options } = setup(3);
  let calls = 0;
  setAccessTokenProvider(() => new Promise<string>((resolve) => setTimeout(() => (calls++, resolve('')), 20)));
  const outs = await Promise.all([0, 1, 2].map((i) => observeUpload(emitted, options(i))));
  outs.forEach((o) => expect(o.error).toMatchObject({ code: 'MissingAccessToken' }));
  expect(calls).toBe(1);
  expect(platform.requests).toHaveLength(0);
});

test('"invalid" asks again even right after a shared "missing" answer', async () => {
  const { platform, options } = setup();
  const reasons: string[] = [];
  setAccessTokenProvider(({ reason }) => {
    reasons.push(reason);
    return reason === 'missing' ? TOKEN : OTHER;
  });
  platform.script('AppGetResourceUploadURL', apiError('InvalidParameterValue.InvalidAccessToken'));
  const out = await observeUpload(emitted, options());
  expect(out.error).toBeUndefined();
  expect(reasons).toEqual(['missing', 'invalid']);
});
