/**
 * `minUploadRate`: the PUT's timeout is `timeout` + size / minUploadRate, and a large PUT that
 * runs out of time says the connection was too slow for this file (still `Timeout`, retryable).
 */
import { isLargePut, putTimeoutMs, UploadError, uploadResource } from '../../components/core';
import { ENDPOINT, FakePlatform } from '../support/fake-platform';

const TOKEN = 'tok-slow-0123456789abcdef0123456789ab';

function fixture(size: number) {
  const platform = new FakePlatform();
  platform.addFile('wxfile://tmp/big.bin', new Uint8Array(size).fill(7));
  return platform;
}

async function putTimeoutOf(options: { size: number; timeout?: number; minUploadRate?: number }): Promise<number> {
  const platform = fixture(options.size);
  await uploadResource({ platform, filePath: 'wxfile://tmp/big.bin', productId: 'P1', accessToken: TOKEN, endpoint: ENDPOINT, timeout: options.timeout, minUploadRate: options.minUploadRate });
  return platform.calls('PUT')[0].timeoutMs;
}

test('the PUT gets the usual timeout plus size / minUploadRate', async () => {
  // Default: 60 s plus 1 s per 128 KiB.
  expect(await putTimeoutOf({ size: 262144 })).toBe(62000);
  expect(await putTimeoutOf({ size: 1000, timeout: 500, minUploadRate: 100 })).toBe(10500);
  expect(await putTimeoutOf({ size: 3, timeout: 500, minUploadRate: 2 })).toBe(2000);
  // Unusable rates fall back to the default rather than dividing by zero.
  expect(await putTimeoutOf({ size: 131072, minUploadRate: 0 })).toBe(61000);
  expect(putTimeoutMs(60000, 104857600)).toBe(60000 + 800000);
});

test('the issue’s arithmetic: 100 MiB at the default rate needs 800 s of allowance', () => {
  expect(putTimeoutMs(60000, 100 * 1048576, 131072) / 60000).toBeCloseTo(14.33, 2);
});

async function timedOut(size: number, locale: 'en' | 'zh-CN', minUploadRate?: number): Promise<UploadError> {
  const platform = fixture(size);
  platform.script('PUT', { transport: 'timeout' });
  const err = await uploadResource({ platform, filePath: 'wxfile://tmp/big.bin', productId: 'P1', accessToken: TOKEN, endpoint: ENDPOINT, retries: 0, locale, minUploadRate }).catch((e: UploadError) => e);
  if (!(err instanceof UploadError)) throw new Error('expected a failure');
  return err;
}

test('a large PUT that times out says the connection was too slow for this file, in both languages', async () => {
  const en = await timedOut(2 * 1048576, 'en');
  expect(en).toMatchObject({ code: 'Timeout', retryable: true });
  expect(en.message).toBe('The connection was too slow to upload this file (2 MB) in time; try again on a faster network such as Wi-Fi');
  const zh = await timedOut(2 * 1048576, 'zh-CN');
  expect(zh.message).toContain('网络连接太慢');
  expect(zh.message).toContain('2 MB');
});

test('a small PUT that times out keeps the usual timeout message', async () => {
  const err = await timedOut(1024, 'en');
  expect(err).toMatchObject({ code: 'Timeout', retryable: true, message: 'The request timed out; try again later' });
});

test('"large" scales with the rate: a slow minimum makes a small file large', async () => {
  expect(isLargePut(60000, 1310720, 131072)).toBe(true);
  expect(isLargePut(60000, 1300000, 131072)).toBe(false);
  expect(isLargePut(200, 1000, 5000)).toBe(true);
  const err = await timedOut(20000, 'en', 1000);
  expect(err.message).toContain('too slow to upload this file');
});

test('an unusable minUploadRate is InvalidOption naming it, before any request; 0 means the default', async () => {
  for (const bad of [-1, NaN, Infinity, '131072']) {
    const platform = fixture(10);
    const err = await uploadResource({ platform, filePath: 'wxfile://tmp/big.bin', productId: 'P1', accessToken: TOKEN, endpoint: ENDPOINT, locale: 'en', minUploadRate: bad as number }).catch((e: UploadError) => e);
    expect(err).toMatchObject({ code: 'InvalidOption', retryable: false });
    expect((err as UploadError).message).toContain('minUploadRate');
    expect(platform.requests).toHaveLength(0);
  }
  expect(await putTimeoutOf({ size: 131072, minUploadRate: 0 })).toBe(61000);
});
