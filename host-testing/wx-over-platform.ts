/**
 * WeChat's `wx.request`, `wx.getFileSystemManager` and `wx.getNetworkType`, carried out by a core
 * Platform: real HTTP and files on Node, or a test's scripted cloud. Shaped as platform-facts.md
 * says WeChat behaves: `success` for every HTTP status, `fail` with an errMsg only when there is no
 * answer ("request:fail timeout", "request:fail abort", "request:fail url not in domain list"),
 * an object `data` serialised as WeChat does (JSON, or the query of a GET), the body parsed only for
 * dataType 'json', `readFile` without encoding gives one ArrayBuffer, `getFileInfo` hashes without
 * handing bytes to JS. Callbacks come later, never inside the call, as on a phone (on a microtask,
 * so a test's fake timers do not hold them).
 */
import type { Platform, TransportError } from '../components/core/platform';
import type { WxCallbacks, WxFileSystemManager, WxRequestOptions, WxRequestTask, WxResult } from './types';

const WX_DEFAULT_TIMEOUT_MS = 60000;

/** A call's callbacks, the way WeChat calls them: `success` or `fail`, then `complete`, never inside the call. */
export function answer(o: WxCallbacks, ok: boolean, res: WxResult): void {
  void Promise.resolve().then(() => {
    const settle = (ok ? o.success : o.fail) as ((r: WxResult) => void) | undefined;
    if (settle) settle(res);
    if (o.complete) (o.complete as (r: WxResult) => void)(res);
  });
}

export function succeed(o: WxCallbacks, res: WxResult): void {
  answer(o, true, res);
}

export function failWith(o: WxCallbacks, errMsg: string): void {
  answer(o, false, { errMsg });
}

function lowerKeys(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

function isArrayBuffer(v: unknown): v is ArrayBuffer {
  return v instanceof ArrayBuffer || Object.prototype.toString.call(v) === '[object ArrayBuffer]';
}

function queryOf(data: object): string {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

/** What goes over the wire for `data`: strings and ArrayBuffers as they are, objects as WeChat writes them. */
function wireOf(method: string, url: string, data: unknown, headers: Record<string, string>): { url: string; body?: string | ArrayBuffer } {
  if (data === undefined || data === null) return { url };
  if (typeof data === 'string' || isArrayBuffer(data)) return { url, body: data };
  if (ArrayBuffer.isView(data)) return { url, body: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
  if (method === 'GET') {
    const query = queryOf(data as object);
    return { url: query ? url + (url.includes('?') ? '&' : '?') + query : url };
  }
  if (/x-www-form-urlencoded/i.test(headers['content-type'] || '')) return { url, body: queryOf(data as object) };
  return { url, body: JSON.stringify(data) };
}

function transportErrMsg(err: unknown): string {
  const kind = (err as TransportError).kind;
  if (kind === 'timeout') return 'request:fail timeout';
  if (kind === 'aborted') return 'request:fail abort';
  if (kind === 'domain') return 'request:fail url not in domain list';
  const message = err instanceof Error ? err.message : String(err);
  // The simulated phone already speaks WeChat ('request:fail interrupted').
  return message.indexOf('request:fail') === 0 ? message : 'request:fail ' + message;
}

export function wxRequest(platform: Platform, o: WxRequestOptions): WxRequestTask {
  const method = (typeof o.method === 'string' ? o.method.toUpperCase() : 'GET') as 'GET' | 'POST' | 'PUT';
  const headers = lowerKeys(o.header);
  // WeChat's default content type.
  if (!headers['content-type']) headers['content-type'] = 'application/json';
  const wire = wireOf(method, String(o.url), o.data, headers);
  let task: ReturnType<Platform['request']>;
  try {
    task = platform.request({ url: wire.url, method, headers, body: wire.body, timeoutMs: typeof o.timeout === 'number' && o.timeout > 0 ? o.timeout : WX_DEFAULT_TIMEOUT_MS });
  } catch (err) {
    failWith(o, transportErrMsg(err));
    return idleTask(() => undefined);
  }
  task.response.then(
    (res) => {
      let data: unknown = res.body;
      if (o.dataType === undefined || o.dataType === 'json') {
        try {
          data = JSON.parse(res.body);
        } catch {
          data = res.body;
        }
      }
      succeed(o, { errMsg: 'request:ok', statusCode: res.status, header: res.headers, data, cookies: [], profile: {} });
    },
    (err: unknown) => failWith(o, transportErrMsg(err)),
  );
  return idleTask(() => task.abort());
}

function idleTask(abort: () => void): WxRequestTask {
  const noop = (): void => undefined;
  return { abort, onHeadersReceived: noop, offHeadersReceived: noop, onChunkReceived: noop, offChunkReceived: noop };
}

export function wxFileSystemManager(platform: Platform): WxFileSystemManager {
  const run = <T>(o: WxCallbacks, api: string, work: () => Promise<T>, shape: (value: T) => WxResult): void => {
    work().then(
      (value) => succeed(o, { errMsg: `${api}:ok`, ...shape(value) }),
      (err: unknown) => failWith(o, `${api}:fail ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  return {
    readFile: (o) => {
      // The package reads bytes; a text read here would hide a bug in it.
      if (o.encoding) return failWith(o, 'readFile:fail only bytes are read here (no encoding)');
      run(o, 'readFile', () => platform.readFile(o.filePath), (data) => ({ data }));
    },
    getFileInfo: (o) => {
      if ((o.digestAlgorithm || 'md5') !== 'md5') return failWith(o, 'getFileInfo:fail only md5 is computed here');
      run(o, 'getFileInfo', () => platform.fileInfo(o.filePath), (info) => ({ size: info.size, digest: info.md5 }));
    },
    stat: (o) => {
      const size = platform.fileSize ? platform.fileSize.bind(platform) : async (p: string) => (await platform.fileInfo(p)).size;
      run(o, 'stat', () => size(o.path), (n) => ({ stats: { size: n, isFile: () => true, isDirectory: () => false, mode: 0o100644, lastAccessedTime: 0, lastModifiedTime: 0 } }));
    },
  };
}

/** `wx.getNetworkType`, from the platform's life cycle ('wifi' when it has none). */
export function wxGetNetworkType(platform: Platform, o: WxCallbacks): void {
  const lifecycle = platform.lifecycle;
  if (!lifecycle) return succeed(o, { errMsg: 'getNetworkType:ok', networkType: 'wifi' });
  lifecycle.getNetworkType().then(
    (networkType) => succeed(o, { errMsg: 'getNetworkType:ok', networkType }),
    (err: Error) => failWith(o, `getNetworkType:fail ${err.message}`),
  );
}
