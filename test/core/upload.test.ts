import { UploadError, uploadResource } from '../../components/core';
import { apiError, cosError, ENDPOINT, expiredUrl, FakePlatform, md5Hex, SEED_SIGNATURE, SEED_UPLOAD_URL } from '../support/fake-platform';
import { guardAgainstLeaks, observeUpload } from '../support/observe';

const TOKEN = 'tok-upload-0123456789abcdef0123456789abcdef';
const emitted = guardAgainstLeaks(() => [TOKEN, SEED_SIGNATURE]);

function setup(name = 'voice.mp3', size = 5179) {
  const platform = new FakePlatform();
  const bytes = new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff);
  const filePath = 'wxfile://tmp/' + name;
  platform.addFile(filePath, bytes);
  return { platform, bytes, options: { platform, filePath, productId: 'PROD1', accessToken: TOKEN, endpoint: ENDPOINT } };
}

describe('the PUT', () => {
  test('goes to the seed URL unchanged, with an ArrayBuffer of FileSize bytes and the file type', async () => {
    const { platform, bytes, options } = setup('voice.mp3', 5179);
    const out = await observeUpload(emitted, options);
    expect(out.error).toBeUndefined();
    const [put] = platform.calls('PUT');
    expect(put.url).toBe(SEED_UPLOAD_URL);
    expect(put.url).toContain('res%2F96666666666');
    expect(put.url).toContain('sign=q-sign-algorithm%3Dsha1%26q-ak%3D');
    expect(put.body).toBeInstanceOf(ArrayBuffer);
    const sent = new Uint8Array(put.body as ArrayBuffer);
    expect(sent.byteLength).toBe(platform.calls('AppGetResourceUploadURL')[0].json!.FileSize);
    expect(Buffer.compare(Buffer.from(sent), Buffer.from(bytes))).toBe(0);
    expect(put.headers['content-type']).toBe('audio/mpeg');
    expect(out.result).toEqual({
      name: 'voice.mp3',
      path: 'wxfile://tmp/voice.mp3',
      size: 5179,
      md5: md5Hex(bytes),
      userResourceName: md5Hex(bytes),
      resourceName: 'USER_72375312314273792_RES_' + md5Hex(bytes),
      resourceVer: '0.0.1',
      requestId: platform.calls('AppGetResourceUploadURL')[0].json!.RequestId,
    });
  });

  test.each([
    ['config.json', 'application/octet-stream'],
    ['firmware.bin', 'application/octet-stream'],
    ['photo.JPG', 'image/jpeg'],
    ['clip.mp4', 'video/mp4'],
    ['notes.txt', 'text/plain'],
    ['no-extension', 'application/octet-stream'],
  ])('%s is sent as %s, never application/json', async (name, type) => {
    const { platform, options } = setup(name, 10);
    await observeUpload(emitted, options);
    expect(platform.calls('PUT')[0].headers['content-type']).toBe(type);
  });

  test('the file is read once into one full-size buffer, even with retries and an expired URL', async () => {
    const { platform, options } = setup('ring.wav', 4096);
    platform.script('PUT', { status: 500, body: '' }, expiredUrl(), { transport: 'timeout' });
    const out = await observeUpload(emitted, options);
    expect(out.error).toBeUndefined();
    expect(platform.readFileCalls).toHaveLength(1);
    expect(platform.fullSizeBuffers).toHaveLength(1);
    const puts = platform.calls('PUT');
    expect(puts).toHaveLength(4);
    // The very buffer readFile returned goes out every time: no copy was made.
    puts.forEach((p) => expect(p.body).toBe(platform.fullSizeBuffers[0]));
  });

  test('an ETag that is not the MD5 fails IntegrityError, not retried', async () => {
    const { platform, options } = setup();
    platform.script('PUT', { status: 200, headers: { ETag: '"00000000000000000000000000000000"' }, body: '' });
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code: 'IntegrityError', retryable: false });
    expect(platform.calls('PUT')).toHaveLength(1);
  });

  test('an ETag in upper case or without quotes is accepted; no ETag is accepted', async () => {
    for (const headers of [{ ETag: md5Hex(setup().bytes).toUpperCase() }, {}] as Record<string, string>[]) {
      const { platform, options } = setup();
      platform.script('PUT', { status: 200, headers, body: '' });
      const out = await observeUpload(emitted, options);
      expect(out.error).toBeUndefined();
    }
  });

  test('a file that changed size since it was hashed fails FileReadError before the PUT', async () => {
    const { platform, options } = setup();
    const original = platform.readFile.bind(platform);
    platform.readFile = async (p) => (await original(p)).slice(1);
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code: 'FileReadError' });
    expect(platform.calls('PUT')).toHaveLength(0);
  });
});

describe('an expired URL', () => {
  test('is fetched again once, with a new RequestId, and the PUT repeated', async () => {
    const { platform, options } = setup();
    platform.uploadUrls = ['https://bucket.example/res%2Fold?sign=q-signature%3Daaaaaaaaaaaaaaaa', 'https://bucket.example/res%2Fnew?sign=q-signature%3Dbbbbbbbbbbbbbbbb'];
    platform.script('PUT', expiredUrl());
    const out = await observeUpload(emitted, options);
    expect(out.error).toBeUndefined();
    const calls = platform.calls('AppGetResourceUploadURL');
    expect(calls).toHaveLength(2);
    expect(calls[0].json!.RequestId).not.toBe(calls[1].json!.RequestId);
    expect(platform.calls('PUT').map((p) => p.url)).toEqual(platform.uploadUrls);
    expect(out.result!.requestId).toBe(calls[1].json!.RequestId);
    expect(emitted.leaks(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'])).toEqual([]);
  });

  test('expiring twice fails Storage.AccessDenied without a third URL', async () => {
    const { platform, options } = setup();
    platform.script('PUT', expiredUrl(), expiredUrl());
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code: 'Storage.AccessDenied', retryable: false });
    expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(2);
    expect(platform.calls('PUT')).toHaveLength(2);
  });

  test('a 403 AccessDenied that is not expiry is not recovered', async () => {
    const { platform, options } = setup();
    platform.script('PUT', cosError(403, 'AccessDenied', 'Access Denied.'));
    const out = await observeUpload(emitted, options);
    // SPEC 0.3: a storage failure carries the RequestId of the call that issued its URL, not COS's.
    expect(out.error).toMatchObject({ code: 'Storage.AccessDenied', requestId: platform.calls('AppGetResourceUploadURL')[0].json!.RequestId });
    expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(1);
  });
});

describe('storage errors', () => {
  test('COS error XML becomes Storage.<Code>, not retried', async () => {
    const { platform, options } = setup();
    platform.script('PUT', cosError(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.'));
    const out = await observeUpload(emitted, { ...options, locale: 'en' });
    expect(out.error).toMatchObject({ code: 'Storage.SignatureDoesNotMatch', retryable: false, requestId: platform.calls('AppGetResourceUploadURL')[0].json!.RequestId });
    expect(out.error!.message).toBe('The upload link has an invalid signature');
    expect(platform.calls('PUT')).toHaveLength(1);
  });

  test('a non-2xx without COS XML is Storage.HttpError', async () => {
    const { platform, options } = setup();
    platform.script('PUT', { status: 404, body: 'nope' });
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code: 'Storage.HttpError', retryable: false, status: 404 });
  });
});

describe('transient faults', () => {
  test.each([
    ['5xx', { status: 502, body: '<html>bad gateway</html>' }, 'HttpError'],
    ['network', { transport: 'network' as const }, 'NetworkError'],
    ['timeout', { transport: 'timeout' as const }, 'Timeout'],
    ['InternalError', apiError('InternalError'), 'InternalError'],
    ['RequestLimitExceeded', apiError('RequestLimitExceeded'), 'RequestLimitExceeded'],
  ])('token API %s is retried twice, then fails retryable', async (_n, answer, code) => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', answer, answer, answer);
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code, retryable: true });
    expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(3);
  });

  test.each([
    ['5xx', cosError(503, 'SlowDown', 'Please reduce your request rate.'), 'Storage.SlowDown'],
    ['network', { transport: 'network' as const }, 'NetworkError'],
  ])('PUT %s is retried twice, then fails retryable', async (_n, answer, code) => {
    const { platform, options } = setup();
    platform.script('PUT', answer, answer, answer);
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code, retryable: true });
    expect(platform.calls('PUT')).toHaveLength(3);
  });

  test('a fault that clears within the retries ends in success', async () => {
    const { platform, options } = setup();
    platform.script('PUT', { transport: 'network' }, { status: 500, body: '' });
    const out = await observeUpload(emitted, options);
    expect(out.error).toBeUndefined();
    expect(platform.calls('PUT')).toHaveLength(3);
  });

  test('retries: 0 fails at the first fault; retries: 4 tries five times', async () => {
    for (const retries of [0, 4]) {
      const { platform, options } = setup();
      platform.script('AppGetResourceUploadURL', ...Array(6).fill({ status: 500, body: '' }));
      const out = await observeUpload(emitted, { ...options, retries });
      expect(out.error!.code).toBe('HttpError');
      expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(retries + 1);
    }
  });

  test('delays grow between retries', async () => {
    const { platform, options } = setup();
    const delays: number[] = [];
    const realSetTimeout = platform.setTimeout.bind(platform);
    platform.setTimeout = (fn, ms) => {
      delays.push(ms);
      return realSetTimeout(fn, 1);
    };
    platform.script('AppGetResourceUploadURL', { status: 500, body: '' }, { status: 500, body: '' }, { status: 500, body: '' });
    await observeUpload(emitted, { ...options, retries: 3, retryDelay: 100 });
    expect(delays).toEqual([100, 200, 400]);
  });

  test.each([
    ['400', { status: 400, body: '' }, 'HttpError'],
    ['403 API error', apiError('InvalidParameterValue', 'bad', 403), 'InvalidParameterValue'],
    ['missing parameter', apiError('ErrorRequiredParamNotFound'), 'ErrorRequiredParamNotFound'],
  ])('token API %s is not retried', async (_n, answer, code) => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', answer);
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code, retryable: false });
    expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(1);
  });
});

describe('abort', () => {
  test('stops the PUT in flight and rejects Aborted', async () => {
    const { platform, options } = setup();
    platform.script('PUT', { hang: true });
    const progress: string[] = [];
    const task = uploadResource({ ...options, onProgress: (p) => progress.push(p.phase + p.percent) });
    const failed = task.catch((e) => e);
    while (platform.calls('PUT').length === 0) await new Promise((r) => setTimeout(r, 1));
    task.abort();
    const err = await failed;
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ code: 'Aborted', retryable: false, requestId: '' });
    expect(platform.aborts).toBe(1);
    expect(progress).toEqual(['hashing0', 'hashing100', 'signing0', 'signing100', 'uploading0']);
    emitted.add(err);
  });

  test('during a retry delay: no further request, no timer left', async () => {
    const { platform, options } = setup();
    platform.script('AppGetResourceUploadURL', { status: 500, body: '' });
    const cleared: unknown[] = [];
    const realClear = platform.clearTimeout.bind(platform);
    platform.clearTimeout = (h) => {
      cleared.push(h);
      realClear(h);
    };
    const task = uploadResource({ ...options, retryDelay: 60000 });
    const failed = task.catch((e) => e);
    while (platform.calls('AppGetResourceUploadURL').length === 0) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, 20));
    task.abort();
    expect((await failed).code).toBe('Aborted');
    expect(cleared).toHaveLength(1);
    expect(platform.calls('AppGetResourceUploadURL')).toHaveLength(1);
  });

  test('before anything happened: no request at all', async () => {
    const { platform, options } = setup();
    const task = uploadResource(options);
    task.abort();
    await expect(task).rejects.toMatchObject({ code: 'Aborted' });
    await new Promise((r) => setTimeout(r, 20));
    expect(platform.requests).toHaveLength(0);
  });
});

describe('progress', () => {
  test('reports each phase from 0 to 100 and nothing made up in between', async () => {
    const { options } = setup();
    const out = await observeUpload(emitted, options);
    expect(out.progress.map((p) => `${p.phase}:${p.percent}`)).toEqual(['hashing:0', 'hashing:100', 'signing:0', 'signing:100', 'uploading:0', 'uploading:100']);
  });

  test('a throwing progress handler does not break the upload', async () => {
    const { options } = setup();
    const result = await uploadResource({
      ...options,
      onProgress: () => {
        throw new Error('host bug');
      },
    });
    expect(result.size).toBe(5179);
  });
});
