/**
 * `wx.request` and `wx.getFileSystemManager`, patched onto miniprogram-simulate's global `wx` and
 * carried out by a real platform (the Node one): the component's unchanged WeChat binding then
 * talks real HTTP to the emulator and reads real files on disk. Shaped as platform-facts.md says
 * WeChat behaves: `success` for every HTTP status, `fail` with an errMsg when there is no answer
 * ("request:fail timeout", "request:fail abort"), the body parsed only for dataType 'json',
 * `readFile` without encoding gives one ArrayBuffer, `getFileInfo` hashes without handing bytes to JS.
 * Choosers are left to whoever patched them (FakeWx).
 */
import type { Platform, TransportError } from '../../components/core';

type WxTable = Record<string, unknown>;
type Callback = (res: Record<string, unknown>) => void;
interface CallbackOptions {
  success?: Callback;
  fail?: Callback;
  complete?: Callback;
}

const LIFECYCLE = ['onAppHide', 'offAppHide', 'onAppShow', 'offAppShow', 'onNetworkStatusChange', 'offNetworkStatusChange'] as const;
const PATCHED = ['request', 'getFileSystemManager', 'getNetworkType', ...LIFECYCLE] as const;

function lowerKeys(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

function succeed(o: CallbackOptions, res: Record<string, unknown>): void {
  if (o.success) o.success(res);
  if (o.complete) o.complete(res);
}

function failWith(o: CallbackOptions, errMsg: string): void {
  const res = { errMsg };
  if (o.fail) o.fail(res);
  if (o.complete) o.complete(res);
}

function transportErrMsg(err: unknown): string {
  const kind = (err as TransportError).kind;
  if (kind === 'timeout') return 'request:fail timeout';
  if (kind === 'aborted') return 'request:fail abort';
  const message = err instanceof Error ? err.message : String(err);
  // The simulated phone already speaks WeChat ('request:fail interrupted').
  return message.indexOf('request:fail') === 0 ? message : 'request:fail ' + message;
}

function request(platform: Platform, o: WxTable & CallbackOptions): WechatMiniprogram.RequestTask {
  // WeChat serialises an object body itself; strings and ArrayBuffers go out as they are.
  const data = o.data;
  const body = data === undefined || typeof data === 'string' || data instanceof ArrayBuffer || Object.prototype.toString.call(data) === '[object ArrayBuffer]' ? (data as string | ArrayBuffer | undefined) : JSON.stringify(data);
  const task = platform.request({
    url: String(o.url),
    method: (typeof o.method === 'string' ? o.method.toUpperCase() : 'GET') as 'GET' | 'POST' | 'PUT',
    headers: lowerKeys(o.header),
    body,
    timeoutMs: typeof o.timeout === 'number' ? o.timeout : 60000,
  });
  task.response.then(
    (res) => {
      let parsed: unknown = res.body;
      if (o.dataType === undefined || o.dataType === 'json') {
        try {
          parsed = JSON.parse(res.body);
        } catch {
          parsed = res.body;
        }
      }
      succeed(o, { errMsg: 'request:ok', statusCode: res.status, header: res.headers, data: parsed, cookies: [], profile: {} });
    },
    (err: unknown) => failWith(o, transportErrMsg(err)),
  );
  const noop = (): void => undefined;
  return { abort: () => task.abort(), onHeadersReceived: noop, offHeadersReceived: noop, onChunkReceived: noop, offChunkReceived: noop } as unknown as WechatMiniprogram.RequestTask;
}

function fileSystemManager(platform: Platform): WechatMiniprogram.FileSystemManager {
  type FsOptions = CallbackOptions & { filePath: string; encoding?: string; digestAlgorithm?: string };
  return {
    readFile: (o: FsOptions) => {
      if (o.encoding) return failWith(o, 'readFile:fail this bridge reads bytes only (no encoding)');
      platform.readFile(o.filePath).then(
        (data) => succeed(o, { errMsg: 'readFile:ok', data }),
        (err: Error) => failWith(o, `readFile:fail ${err.message}`),
      );
    },
    getFileInfo: (o: FsOptions) => {
      if ((o.digestAlgorithm || 'md5') !== 'md5') return failWith(o, 'getFileInfo:fail this bridge hashes md5 only');
      platform.fileInfo(o.filePath).then(
        (info) => succeed(o, { errMsg: 'getFileInfo:ok', size: info.size, digest: info.md5 }),
        (err: Error) => failWith(o, `getFileInfo:fail ${err.message}`),
      );
    },
  } as unknown as WechatMiniprogram.FileSystemManager;
}

/** Patches the global `wx` (simulate's, possibly already patched by FakeWx); returns the undo. */
export function bridgeWx(platform: Platform): () => void {
  const wx = (globalThis as unknown as { wx?: WxTable }).wx;
  if (!wx) throw new Error('no global wx: load miniprogram-simulate first');
  const saved: WxTable = {};
  for (const name of PATCHED) saved[name] = wx[name];
  wx.request = (o: WxTable & CallbackOptions) => request(platform, o);
  wx.getFileSystemManager = () => fileSystemManager(platform);
  // App hide/show and the network, from the platform's (simulated) phone when it has one.
  const lifecycle = platform.lifecycle;
  if (lifecycle) {
    for (const name of LIFECYCLE) wx[name] = (fn: never) => lifecycle[name](fn);
    wx.getNetworkType = (o: CallbackOptions) => {
      lifecycle.getNetworkType().then(
        (networkType) => succeed(o, { errMsg: 'getNetworkType:ok', networkType }),
        (err: Error) => failWith(o, `getNetworkType:fail ${err.message}`),
      );
    };
  }
  return () => {
    for (const name of PATCHED) {
      if (saved[name] === undefined) delete wx[name];
      else wx[name] = saved[name];
    }
  };
}
