/**
 * Issue 10 "Integrity": the PUT carries Content-MD5 (base64 of the 16 MD5 bytes) so storage refuses
 * a body changed on the way; and "A failed file's message keeps the locale its upload started in":
 * messages are worded from code + details, so a locale switch re-words them.
 */
import { base64OfHex, messageFor, UploadError, UploadQueue, uploadResource, worded } from '../../components/core';
import { cosError, ENDPOINT, FakePlatform, md5Hex } from '../support/fake-platform';

const TOKEN = 'tok-md5-0123456789abcdef0123456789';

test('base64OfHex matches Node for any MD5', () => {
  for (const text of ['', 'a', 'ab', 'abc', 'a ringtone', '\u00ff\u0000']) {
    const hex = md5Hex(Buffer.from(text));
    expect(base64OfHex(hex)).toBe(Buffer.from(hex, 'hex').toString('base64'));
  }
  for (const hex of ['', 'ff', 'ffee', 'ffeedd', '00000000000000000000000000000000']) expect(base64OfHex(hex)).toBe(Buffer.from(hex, 'hex').toString('base64'));
});

test('the PUT sends Content-MD5, every time it is sent', async () => {
  const platform = new FakePlatform();
  const bytes = new Uint8Array(1000).map((_, i) => i & 0xff);
  platform.addFile('/a.bin', bytes);
  platform.script('PUT', { status: 503, body: '' });
  await uploadResource({ platform, filePath: '/a.bin', productId: 'P', accessToken: TOKEN, endpoint: ENDPOINT, retryDelay: 1 });
  const puts = platform.calls('PUT');
  expect(puts).toHaveLength(2);
  for (const put of puts) expect(put.headers['content-md5']).toBe(Buffer.from(md5Hex(bytes), 'hex').toString('base64'));
  // The token API calls carry no such header.
  expect(platform.calls('AppGetResourceUploadURL')[0].headers['content-md5']).toBeUndefined();
});

test('a BadDigest refusal is Storage.BadDigest, not retried', async () => {
  const platform = new FakePlatform();
  platform.addFile('/a.bin', new Uint8Array([1, 2, 3]));
  platform.script('PUT', cosError(400, 'BadDigest', 'The Content-MD5 you specified did not match what was received.'));
  const err = await uploadResource({ platform, filePath: '/a.bin', productId: 'P', accessToken: TOKEN, endpoint: ENDPOINT, retryDelay: 1 }).catch((e) => e);
  expect(err).toMatchObject({ code: 'Storage.BadDigest', retryable: false });
  expect(platform.calls('PUT')).toHaveLength(1);
});

describe('messages follow the locale', () => {
  test.each([
    ['FileTooLarge', { size: 3 << 20, maxSize: 1 << 20 }],
    ['InvalidOption', { option: 'maxSize' }],
    ['DomainNotAllowed', { domain: 'https://bucket.example' }],
    ['Storage.Weird', { status: 409, serverMessage: 'conflict here' }],
    ['HttpError', { status: 502 }],
  ])('%s is worded from its code and details, in either locale, as often as asked', (code, detail) => {
    const err = UploadError.of(code, detail, 'rid');
    const zh = worded(err, 'zh-CN');
    const en = worded(zh, 'en');
    expect(en).toBeInstanceOf(UploadError);
    expect(en).toMatchObject({ code, requestId: 'rid', retryable: err.retryable, status: err.status, detail: err.detail });
    expect(en.message).toBe(messageFor(code, 'en', detail));
    expect(en.message).not.toBe(zh.message);
    expect(worded(en, 'zh-CN').message).toBe(zh.message);
  });

  test("a queue's failed file keeps what it is worded from, not words", async () => {
    const platform = new FakePlatform();
    platform.addFile('/a.bin', new Uint8Array(10));
    let locale: 'zh-CN' | 'en' = 'zh-CN';
    const queue = new UploadQueue({ uploadOptions: () => ({ platform, productId: 'P', accessToken: TOKEN, endpoint: ENDPOINT, maxSize: 5, locale }) });
    const [file] = queue.add([{ path: '/a.bin', name: 'a.bin', size: 10 }], true);
    for (const end = Date.now() + 5000; file.state !== 'failed' && Date.now() < end; ) await new Promise((r) => setTimeout(r, 2));
    expect(file.error!.message).toBe(messageFor('FileTooLarge', 'zh-CN', { size: 10, maxSize: 5 }));
    locale = 'en';
    expect(messageFor(file.error!.code, locale, file.error!.detail)).toBe('The file is too large (10 B); the limit is 5 B');
    expect(file.error!.code).toBe('FileTooLarge');
  });
});
