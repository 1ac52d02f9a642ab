/**
 * Issue 10 "Wrong errors": how WeChat's `fail` texts map to codes, through the real WeChat platform
 * (`components/platform/wechat.ts`) on a minimal `wx` faithful to platform-facts §5.
 */
import { UploadError, uploadResource } from '../../components/core';
import { createWechatPlatform } from '../../components/platform/wechat';
import { ENDPOINT, FakePlatform, SEED_UPLOAD_URL } from '../support/fake-platform';

type Fail = { errMsg: string; errno?: number };
type WxRequestOptions = { url: string; method: string; header: Record<string, string>; data: unknown; timeout: number; success: (r: unknown) => void; fail: (e: Fail) => void };

/** `wx.request` that fails the listed calls with WeChat's words and answers the rest from a scripted cloud. */
function installWx(fails: Array<Fail | null>, cloud: FakePlatform) {
  const calls: string[] = [];
  const wx = {
    request(o: WxRequestOptions) {
      calls.push(o.method + ' ' + o.url);
      const fail = fails.shift();
      let aborted = false;
      if (fail) setTimeout(() => !aborted && o.fail(fail), 1);
      else {
        cloud
          .request({ url: o.url, method: o.method as 'PUT', headers: o.header, body: o.data as string, timeoutMs: o.timeout })
          .response.then((r) => !aborted && o.success({ statusCode: r.status, header: r.headers, data: r.body }));
      }
      return {
        abort() {
          aborted = true;
          // WeChat's own words for an abort the app asked for.
          setTimeout(() => o.fail({ errMsg: 'request:fail abort' }), 0);
        },
      };
    },
    getFileSystemManager: () => ({
      readFile: ({ filePath, success, fail }: { filePath: string; success: (r: { data: ArrayBuffer }) => void; fail: (e: unknown) => void }) =>
        cloud.readFile(filePath).then((data) => success({ data }), fail),
      getFileInfo: ({ filePath, success, fail }: { filePath: string; success: (r: { size: number; digest: string }) => void; fail: (e: unknown) => void }) =>
        cloud.fileInfo(filePath).then((i) => success({ size: i.size, digest: i.md5 }), fail),
    }),
  };
  (globalThis as unknown as { wx: unknown }).wx = wx;
  return calls;
}

afterEach(() => delete (globalThis as unknown as { wx?: unknown }).wx);

function setup(fails: Array<Fail | null>) {
  const cloud = new FakePlatform();
  cloud.addFile('/tmp/a.mp3', new Uint8Array([1, 2, 3]));
  const calls = installWx(fails, cloud);
  const options = { platform: createWechatPlatform(), filePath: '/tmp/a.mp3', productId: 'P', accessToken: 'tok-wechat-0123456789abcdef', endpoint: ENDPOINT, retryDelay: 1, locale: 'en' as const };
  return { calls, options };
}

const error = (p: Promise<unknown>) => p.then(() => null, (e: UploadError) => e);

test.each(['request:fail net::ERR_ABORTED', 'request:fail ERR_CONNECTION_ABORTED', 'request:fail aborted by the peer'])(
  '%s is a network error (retried), not Aborted',
  async (errMsg) => {
    const { calls, options } = setup([{ errMsg }]);
    const err = await error(uploadResource(options));
    expect(err).toBeNull();
    expect(calls).toHaveLength(3);
    const again = setup([{ errMsg }, { errMsg }, { errMsg }]);
    expect(await error(uploadResource(again.options))).toMatchObject({ code: 'NetworkError', retryable: true });
  },
);

test.each(['request:fail ERR_CONNECTION_TIMED_OUT', 'request:fail socket time out', 'request:fail timeout'])('%s is Timeout', async (errMsg) => {
  const { options } = setup([{ errMsg }, { errMsg }, { errMsg }]);
  expect(await error(uploadResource(options))).toMatchObject({ code: 'Timeout', retryable: true });
});

test('the package aborting its own request is Aborted', async () => {
  const { options } = setup([]);
  const task = uploadResource(options);
  setTimeout(() => task.abort(), 0);
  expect(await error(task)).toMatchObject({ code: 'Aborted' });
});

test.each([
  [{ errno: 600002, errMsg: 'request:fail url not in domain list' }],
  [{ errMsg: 'request:fail url not in domain list' }],
  [{ errno: 600002, errMsg: 'request:fail' }],
])('the token API host missing from the domain list (%j) → DomainNotAllowed naming it, not retried', async (fail) => {
  const { calls, options } = setup([fail]);
  const err = await error(uploadResource(options));
  expect(err).toMatchObject({ code: 'DomainNotAllowed', retryable: false, domain: 'https://iot.cloud.tencent.com' });
  expect(err!.message).toContain('https://iot.cloud.tencent.com');
  expect(calls).toHaveLength(1);
});

test('the COS host missing from the domain list names the bucket host', async () => {
  const { calls, options } = setup([null, { errno: 600002, errMsg: 'request:fail url not in domain list' }]);
  const err = await error(uploadResource({ ...options, locale: 'zh-CN' }));
  const host = 'https://gz-g-resource-1256872341.cos.ap-guangzhou.myqcloud.com';
  expect(SEED_UPLOAD_URL.indexOf(host)).toBe(0);
  expect(err).toMatchObject({ code: 'DomainNotAllowed', domain: host });
  expect(err!.message).toContain(host);
  expect(err!.toJSON()).toMatchObject({ domain: host });
  expect(calls).toHaveLength(2);
});

test('request:fail interrupted → Interrupted, retryable, and uploadResource does not retry it itself', async () => {
  const { calls, options } = setup([{ errMsg: 'request:fail interrupted' }]);
  const err = await error(uploadResource(options));
  expect(err).toMatchObject({ code: 'Interrupted', retryable: true });
  expect(calls).toHaveLength(1);
});

test('a wx.request that throws synchronously ends with a code', async () => {
  const { options } = setup([]);
  (globalThis as unknown as { wx: { request: () => never } }).wx.request = () => {
    throw new Error('request:fail url not in domain list');
  };
  expect(await error(uploadResource(options))).toMatchObject({ code: 'DomainNotAllowed', domain: 'https://iot.cloud.tencent.com' });
});
