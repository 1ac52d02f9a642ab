import { contentTypeFor, extensionOf, formatBytes, isAllowedEndpoint, isRetryable, messageFor, setAccessTokenProvider, UploadError } from '../../components/core';
import { ENDPOINT, FakePlatform } from '../support/fake-platform';
import { ENDPOINT_ATTACKS } from '../support/url-attacks';
import { Emitted, observeUpload } from '../support/observe';

const emitted = new Emitted();
afterEach(() => setAccessTokenProvider(null));

function setup(size = 10) {
  const platform = new FakePlatform();
  platform.addFile('/f/a.mp3', new Uint8Array(size).fill(1));
  return { platform, options: { platform, filePath: '/f/a.mp3', productId: 'P', accessToken: 'tok-validation-123456', endpoint: ENDPOINT } };
}

describe('refused before any network call', () => {
  test.each([
    ['no product id', { productId: '' }, 'MissingProductId'],
    ['blank product id', { productId: '   ' }, 'MissingProductId'],
    ['no token, no provider', { accessToken: '' }, 'MissingAccessToken'],
    ['resource name with a space', { resourceName: 'my ring' }, 'InvalidResourceName'],
    ['resource name in Chinese', { resourceName: '铃声' }, 'InvalidResourceName'],
    ['resource name with a slash', { resourceName: 'a/b' }, 'InvalidResourceName'],
    ['http endpoint', { endpoint: 'http://iot.cloud.tencent.com/api/exploreropen/tokenapi' }, 'InsecureEndpoint'],
    ['not a URL', { endpoint: 'iot.cloud.tencent.com' }, 'InsecureEndpoint'],
    ['loopback look-alike', { endpoint: 'http://127.0.0.1.evil.example/api' }, 'InsecureEndpoint'],
    ['no file path', { filePath: '' }, 'FileReadError'],
    ['a missing file', { filePath: '/f/none.mp3' }, 'FileReadError'],
    ['larger than maxSize', { maxSize: 9 }, 'FileTooLarge'],
  ])('%s → %s', async (_n, patch, code) => {
    const { platform, options } = setup();
    const out = await observeUpload(emitted, { ...options, ...patch });
    expect(out.error).toBeInstanceOf(UploadError);
    expect(out.error).toMatchObject({ code, retryable: false, requestId: '' });
    expect(platform.requests).toHaveLength(0);
  });

  test('an empty file is EmptyFile', async () => {
    const { platform, options } = setup(0);
    const out = await observeUpload(emitted, options);
    expect(out.error!.code).toBe('EmptyFile');
    expect(platform.requests).toHaveLength(0);
    expect(platform.readFileCalls).toHaveLength(0);
  });

  test('a file of exactly maxSize is accepted', async () => {
    const { options } = setup(10);
    const out = await observeUpload(emitted, { ...options, maxSize: 10 });
    expect(out.error).toBeUndefined();
  });

  test('FileTooLarge says both sizes in the chosen locale', async () => {
    const { options } = setup(3 * 1024 * 1024);
    const en = await observeUpload(emitted, { ...options, maxSize: 1024 * 1024, locale: 'en' });
    expect(en.error!.message).toBe('The file is too large (3 MB); the limit is 1 MB');
    const zh = await observeUpload(emitted, { ...options, maxSize: 1024 * 1024 });
    expect(zh.error!.message).toBe('文件过大（3 MB），上限为 1 MB');
  });
});

test.each([
  ['https://iot.cloud.tencent.com/api/exploreropen/tokenapi', true],
  ['HTTPS://example.com', true],
  ['http://127.0.0.1:8787/api/exploreropen/tokenapi', true],
  ['http://127.9.9.9/x', true],
  ['http://localhost:1/x', true],
  ['http://[::1]:8787/x', true],
  ['http://example.com/x', false],
  ['http://localhost.example.com/x', false],
  ['ftp://127.0.0.1/x', false],
  ['//127.0.0.1/x', false],
  ['', false],
])('endpoint %s allowed: %s', (url, ok) => {
  expect(isAllowedEndpoint(url)).toBe(ok);
});

test('retryable codes are exactly SPEC’s', () => {
  for (const code of ['NetworkError', 'Timeout', 'InternalError', 'RequestLimitExceeded', 'InternalError.DbError']) expect(isRetryable(code)).toBe(true);
  for (const code of ['HttpError', 'Aborted', 'IntegrityError', 'InvalidResponse', 'Storage.AccessDenied', 'InvalidParameterValue.InvalidAccessToken', 'MyInternalErrorish']) expect(isRetryable(code)).toBe(false);
  expect(isRetryable('HttpError', 503)).toBe(true);
  expect(isRetryable('Storage.HttpError', 404)).toBe(false);
});

test('every local code has a message in both locales, and they differ', () => {
  const codes = ['MissingProductId', 'MissingAccessToken', 'InvalidResourceName', 'InsecureEndpoint', 'FileTooLarge', 'EmptyFile', 'FileReadError', 'HttpError', 'InvalidResponse', 'NetworkError', 'Timeout', 'Aborted', 'IntegrityError', 'Storage.HttpError'];
  for (const code of codes) {
    const zh = messageFor(code, 'zh-CN', { status: 500, size: 2, maxSize: 1 });
    const en = messageFor(code, 'en', { status: 500, size: 2, maxSize: 1 });
    expect(zh).not.toContain(code);
    expect(en).not.toContain(code);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  }
});

test('MIME table and extensions', () => {
  expect(extensionOf('wxfile://tmp_abc/voice.MP3')).toBe('mp3');
  expect(extensionOf('.bashrc')).toBe('');
  expect(extensionOf('C:\\music\\a.wav')).toBe('wav');
  expect(contentTypeFor('a.constructor')).toBe('application/octet-stream');
  expect(contentTypeFor('a.__proto__')).toBe('application/octet-stream');
  expect(contentTypeFor('a.wav')).toBe('audio/wav');
  expect(contentTypeFor('a.png')).toBe('image/png');
});

test('formatBytes', () => {
  expect(formatBytes(0)).toBe('0 B');
  expect(formatBytes(1536)).toBe('1.5 KB');
  expect(formatBytes(104857600)).toBe('100 MB');
});

test('an unknown code keeps the server words, except for a 5xx, which says "try again later"', () => {
  expect(messageFor('FailedOperation.X', 'en', { status: 200, serverMessage: 'why' })).toBe('The service answered with an error (FailedOperation.X): why');
  expect(messageFor('Storage.InternalError', 'zh-CN', { status: 503, serverMessage: 'We encountered an internal error.' })).toBe('存储服务暂时不可用（Storage.InternalError），请稍后重试');
  expect(messageFor('Storage.SlowDown', 'en', { status: 503 })).toBe('Storage is unavailable for now (Storage.SlowDown); try again later');
});

describe('one strict URL parser for the endpoint and UploadUrl', () => {
  test.each(ENDPOINT_ATTACKS.filter(Boolean))('endpoint %j → InsecureEndpoint, nothing sent', async (endpoint) => {
    const { platform, options } = setup();
    const out = await observeUpload(emitted, { ...options, endpoint });
    expect(out.error).toMatchObject({ code: 'InsecureEndpoint', retryable: false });
    expect(platform.requests).toHaveLength(0);
  });

  test.each([
    'http://bucket.example/res%2Fa?sign=q-signature%3Dabcdefabcdefabcdef',
    'http://127.0.0.1:9/res%2Fa?sign=x',
    'https://evil.example\\@bucket.example/res?sign=x',
    'https://user@bucket.example/res?sign=x',
    'https://bucket.example/res\r\n?sign=x',
    'ftp://bucket.example/res',
  ])('UploadUrl %j from a https endpoint → InvalidResponse, nothing PUT', async (url) => {
    const { platform, options } = setup();
    platform.uploadUrls = [url];
    const out = await observeUpload(emitted, options);
    expect(out.error).toMatchObject({ code: 'InvalidResponse', retryable: false });
    expect(platform.calls('PUT')).toHaveLength(0);
  });
});
