/**
 * The uploads the bench compares, each driven through the same Node `wx` (node-wx.ts) against the
 * emulator. `prepare` is what is not timed (the bare PUT's URL and bytes, the URL cos-wx-sdk-v5 is
 * handed); `upload` is timed, and resolves only when the contender itself reports success.
 */
import { randomUUID } from 'crypto';
import SparkMD5 from 'spark-md5';
import { uploadResource } from '../components/core';
import { createWechatPlatform } from '../components/platform/wechat';

export interface Target {
  endpoint: string;
  token: string;
  productId: string;
}

export interface Contender {
  /** As it appears in figure names: `N MiB: <name> / bare PUT`. */
  name: string;
  /** What one timed run includes. */
  note: string;
  prepare(t: Target, file: string, size: number): Promise<unknown>;
  upload(t: Target, file: string, size: number, prepared: unknown): Promise<void>;
}

type WxCallbacks = { success?: (res: never) => void; fail?: (err: { errMsg: string }) => void };

function fsm(): WechatMiniprogram.FileSystemManager {
  return wx.getFileSystemManager();
}

function readFile(file: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => fsm().readFile({ filePath: file, success: (r) => resolve(r.data as ArrayBuffer), fail: (e) => reject(new Error(e.errMsg)) }));
}

function wxRequest<T extends WechatMiniprogram.IAnyObject | string | ArrayBuffer = WechatMiniprogram.IAnyObject>(o: WechatMiniprogram.RequestOption & WxCallbacks): Promise<WechatMiniprogram.RequestSuccessCallbackResult<T>> {
  return new Promise((resolve, reject) => {
    wx.request({ ...o, success: (r) => resolve(r as WechatMiniprogram.RequestSuccessCallbackResult<T>), fail: (e) => reject(new Error(e.errMsg)) });
  });
}

interface UrlAnswer {
  code?: number;
  data?: { UploadUrl?: string };
}

/** `AppGetResourceUploadURL` as a careful caller makes it: a missing URL is an error. */
async function issueUrl(t: Target, size: number, name: string): Promise<string> {
  const res = await wxRequest<UrlAnswer>({
    url: t.endpoint,
    method: 'POST',
    header: { 'content-type': 'application/json' },
    data: JSON.stringify({ AccessToken: t.token, RequestId: randomUUID(), Action: 'AppGetResourceUploadURL', ProductId: t.productId, UserResourceName: name, FileSize: size, ResourceVer: '0.0.1' }),
    dataType: 'json',
  });
  const url = res.data && res.data.data && res.data.data.UploadUrl;
  if (res.statusCode !== 200 || !url) throw new Error(`no upload URL (HTTP ${res.statusCode}, code ${res.data && res.data.code})`);
  return url;
}

function uniqueName(prefix: string): string {
  return prefix + '_' + randomUUID().replace(/-/g, '').slice(0, 12);
}

/** The limit: bytes already in memory, a URL already issued, one PUT, its status checked. */
export const barePut: Contender = {
  name: 'bare PUT',
  note: 'one wx.request PUT of bytes already read, URL issued beforehand; status checked',
  async prepare(t, file, size) {
    return { url: await issueUrl(t, size, uniqueName('bare')), bytes: await readFile(file) };
  },
  async upload(_t, _file, _size, prepared) {
    const { url, bytes } = prepared as { url: string; bytes: ArrayBuffer };
    const res = await wxRequest({ url, method: 'PUT', header: { 'content-type': 'application/octet-stream' }, data: bytes });
    if (res.statusCode !== 200) throw new Error('bare PUT: HTTP ' + res.statusCode);
  },
};

/** This package's `uploadResource` on its own WeChat platform; `resourceName` names each upload, else the name is the MD5. */
function coreContender(name: string, note: string, resourceName?: () => string): Contender {
  return {
    name,
    note,
    async prepare() {
      return createWechatPlatform();
    },
    async upload(t, file, _size, platform) {
      const named = resourceName ? { resourceName: resourceName() } : {};
      await uploadResource({ platform: platform as ReturnType<typeof createWechatPlatform>, filePath: file, productId: t.productId, accessToken: t.token, endpoint: t.endpoint, ...named });
    },
  };
}

/** With the default name (the MD5). */
export const core = coreContender('core', 'uploadResource: MD5, URL, read, PUT (Content-MD5), ETag check');

/** With a fixed `resourceName`: the URL needs no MD5, so hashing can overlap the rest. */
export const coreNamed = coreContender('core, given resource-name', 'uploadResource with resourceName: MD5 beside URL and read, PUT (Content-MD5), ETag check', () => uniqueName('named'));

interface CosLike {
  putObject(params: object, cb: (err: unknown, data: { statusCode?: number }) => void): void;
}

let cosClass: (new (o: object) => CosLike) | null = null;

/** The SDK reads the global `wx` when it loads, so it is loaded once the Node `wx` is in place. */
function loadCos(): new (o: object) => CosLike {
  if (cosClass) return cosClass;
  // Its UMD wrapper names `window` (any object will do); no other global is touched.
  const g = globalThis as { window?: unknown };
  const hadWindow = 'window' in g;
  if (!hadWindow) g.window = {};
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cosClass = require('cos-wx-sdk-v5') as new (o: object) => CosLike;
  } finally {
    if (!hadWindow) delete g.window;
  }
  return cosClass;
}

/**
 * cos-wx-sdk-v5 `putObject` on the presigned URL the token API issued: the URL's `sign` becomes
 * the request's `Authorization` (COS accepts either; `q-header-list` is empty, so the signature is
 * the same), its host the SDK's `Domain`, its path the `Key`. The host reads the file itself.
 */
export const cosSdk: Contender = {
  name: 'cos-wx-sdk-v5 putObject',
  note: 'read + putObject on the issued URL (URL issued beforehand); no hash, no ETag check',
  async prepare(t, _file, size) {
    loadCos(); // Loading the SDK is not part of an upload.
    return issueUrl(t, size, uniqueName('cos'));
  },
  async upload(_t, file, _size, prepared) {
    const url = prepared as string;
    const m = /^(https?:)\/\/([^/]+)\/([^?]*)\?sign=(.*)$/.exec(url);
    if (!m) throw new Error('unexpected URL shape');
    const authorization = decodeURIComponent(m[4]);
    const COS = loadCos();
    const cos = new COS({
      // The SDK writes https: unless the domain names its scheme.
      Domain: `${m[1]}//${m[2]}`,
      getAuthorization: (_o: object, cb: (auth: { Authorization: string }) => void) => cb({ Authorization: authorization }),
    });
    const body = await readFile(file);
    await new Promise<void>((resolve, reject) =>
      cos.putObject({ Bucket: 'bench-1250000000', Region: 'ap-guangzhou', Key: decodeURIComponent(m[3]), Body: body }, (err) => (err ? reject(new Error('putObject: ' + JSON.stringify(err).slice(0, 200))) : resolve())),
    );
  },
};

/**
 * What IoT Explorer's demo mini-program does, written for this bench from its description: read
 * the file, MD5 it with spark-md5 over a full copy of the bytes, ask for a URL named by the MD5,
 * read the file a second time, PUT it and call any answer a success (the status is not checked).
 */
export const iotDemo: Contender = {
  name: 'IoT Explorer demo',
  note: 'read, spark-md5 over a copy, URL, second read, PUT with no status check',
  async prepare() {
    return undefined;
  },
  async upload(t, file, size) {
    const first = await readFile(file);
    const spark = new SparkMD5.ArrayBuffer();
    spark.append(first.slice(0));
    const md5 = spark.end();
    const answer = await wxRequest<UrlAnswer>({
      url: t.endpoint,
      method: 'POST',
      header: { 'content-type': 'application/json' },
      data: JSON.stringify({ AccessToken: t.token, RequestId: randomUUID(), Action: 'AppGetResourceUploadURL', ProductId: t.productId, UserResourceName: md5, FileSize: size, ResourceVer: '0.0.1' }),
      dataType: 'json',
    });
    // The token API's own error envelope is checked (its SDK rejects on a non-zero code)…
    if (!answer.data || answer.data.code !== 0 || !answer.data.data || !answer.data.data.UploadUrl) throw new Error('token API refused');
    const second = await readFile(file);
    // …the PUT's answer is not: any HTTP response counts as uploaded.
    await wxRequest({ url: answer.data.data.UploadUrl, method: 'PUT', header: { 'content-type': 'application/octet-stream' }, data: second });
  },
};

export const CONTENDERS: Contender[] = [barePut, core, cosSdk, iotDemo];
/** Timed beside the others, but no peer of their own: no memory or fault figures. */
export const TIMED_ONLY: Contender[] = [coreNamed];

export function contenderNamed(name: string): Contender {
  const c = [...CONTENDERS, ...TIMED_ONLY].find((x) => x.name === name);
  if (!c) throw new Error('no contender ' + name);
  return c;
}
