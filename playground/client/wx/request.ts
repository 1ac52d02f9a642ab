/**
 * `wx.request` over the browser's fetch, keeping what the package relies on from WeChat:
 * `success` for every HTTP status (4xx and 5xx included), `fail` with `request:fail …` only when
 * no answer came (network error, `timeout`, `abort`); `data` sent as given (a string or an
 * ArrayBuffer as is, an object as JSON or a query string); the body as text unless
 * `dataType: 'json'` parses it; no progress events for a PUT; at most 10 requests in flight, the
 * rest queued. Differences a browser imposes: header names arrive lower-cased, the browser adds
 * and forbids some headers itself (Origin, Referer, User-Agent…), and other origins need CORS.
 */
import type { WxRequestOptions } from '../../../host-testing/types';
import { Callbacks, ErrMsg } from './callbacks';

/** What `wx.request` is given: the testing entry's one description of it, with this file's callbacks. */
type RequestOptions = Omit<WxRequestOptions, keyof Callbacks<never>> & Callbacks<RequestSuccess>;

interface RequestSuccess {
  data: unknown;
  statusCode: number;
  header: Record<string, string>;
  cookies: string[];
  errMsg: string;
}

type HeadersListener = (res: { header: Record<string, string>; statusCode: number; cookies: string[] }) => void;

const MAX_IN_FLIGHT = 10;
const DEFAULT_TIMEOUT = 60000;
const METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT'];
/** Headers a page may not set; fetch would drop them silently, so they are dropped here, knowingly. */
const FORBIDDEN = /^(accept-charset|accept-encoding|access-control-request-.*|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|te|trailer|transfer-encoding|upgrade|user-agent|via|proxy-.*|sec-.*)$/i;

let inFlight = 0;
const waiting: Array<() => void> = [];

function release(): void {
  inFlight -= 1;
  const next = waiting.shift();
  if (next) next();
}

/** Starts now or when a slot frees; the returned function takes a request still waiting off the queue. */
function acquire(start: () => void): () => boolean {
  const begin = () => {
    inFlight += 1;
    start();
  };
  if (inFlight < MAX_IN_FLIGHT) begin();
  else waiting.push(begin);
  return () => {
    const i = waiting.indexOf(begin);
    if (i >= 0) waiting.splice(i, 1);
    return i >= 0;
  };
}

function queryString(data: Record<string, unknown>): string {
  return Object.keys(data)
    .map((k) => {
      const v = data[k];
      return `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))}`;
    })
    .join('&');
}

function isPlainObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data);
}

/** WeChat's rules for `data`: GET puts an object in the query, other methods encode it by content type. */
function encode(method: string, url: string, data: unknown, contentType: string): { url: string; body?: BodyInit } {
  if (data === undefined || data === null) return { url };
  if (method === 'GET' || method === 'HEAD') {
    if (!isPlainObject(data)) return { url };
    const qs = queryString(data);
    return { url: qs ? url + (url.includes('?') ? '&' : '?') + qs : url };
  }
  if (typeof data === 'string' || data instanceof ArrayBuffer) return { url, body: data };
  if (ArrayBuffer.isView(data)) return { url, body: data as unknown as BodyInit };
  if (/application\/x-www-form-urlencoded/i.test(contentType) && isPlainObject(data)) return { url, body: queryString(data) };
  return { url, body: JSON.stringify(data) };
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

export interface RequestTask {
  abort(): void;
  onHeadersReceived(fn: HeadersListener): void;
  offHeadersReceived(fn?: HeadersListener): void;
  /** Never called: `enableChunked` is not supported here. */
  onChunkReceived(fn: unknown): void;
  offChunkReceived(fn?: unknown): void;
}

export function request(o: RequestOptions): RequestTask {
  const controller = new AbortController();
  const headerListeners: HeadersListener[] = [];
  let settled = false;
  let started = false;
  let failure: 'abort' | 'timeout' | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const finish = (ok: RequestSuccess | null, err: ErrMsg | null) => {
    if (settled) return;
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    if (started) release();
    // Callbacks in a later task, as WeChat does.
    setTimeout(() => {
      if (ok) o.success?.(ok);
      else if (err) o.fail?.(err);
      o.complete?.((ok ?? err) as RequestSuccess | ErrMsg);
    }, 0);
  };
  const failWith = (reason: string) => finish(null, { errMsg: `request:fail ${reason}` });

  const run = async () => {
    started = true;
    const method = String(o.method ?? 'GET').toUpperCase();
    if (!METHODS.includes(method)) return failWith(`invalid method ${method}`);
    if (typeof o.url !== 'string' || !/^https?:\/\//i.test(o.url)) return failWith('invalid url');
    const headers = new Headers();
    for (const [name, value] of Object.entries(o.header ?? {})) {
      if (!FORBIDDEN.test(name) && value !== undefined) headers.set(name, String(value));
    }
    // WeChat's default content type.
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    const { url, body } = encode(method, o.url, o.data, headers.get('content-type') ?? '');
    timer = setTimeout(() => {
      failure = 'timeout';
      controller.abort();
    }, o.timeout && o.timeout > 0 ? o.timeout : DEFAULT_TIMEOUT);
    try {
      // `url` goes out as given: fetch keeps percent-escapes (a COS `sign`, a `%2F` key) intact.
      const response = await fetch(url, { method, headers, body, signal: controller.signal, credentials: 'omit', cache: 'no-store', redirect: 'follow' });
      const header = headersOf(response);
      for (const fn of headerListeners.slice()) fn({ header, statusCode: response.status, cookies: [] });
      const data = o.responseType === 'arraybuffer' ? await response.arrayBuffer() : await response.text();
      finish({ data: o.dataType === 'json' || o.dataType === undefined ? parseJson(data) : data, statusCode: response.status, header, cookies: [], errMsg: 'request:ok' }, null);
    } catch (err) {
      failWith(failure ?? (err instanceof Error ? err.message : String(err)));
    }
  };

  const dequeue = acquire(() => void run());
  return {
    abort: () => {
      if (settled) return;
      if (!started) {
        if (dequeue()) failWith('abort');
        return;
      }
      failure = 'abort';
      controller.abort();
    },
    onHeadersReceived: (fn) => void headerListeners.push(fn),
    offHeadersReceived: (fn) => {
      if (!fn) headerListeners.length = 0;
      else if (headerListeners.includes(fn)) headerListeners.splice(headerListeners.indexOf(fn), 1);
    },
    onChunkReceived: () => undefined,
    offChunkReceived: () => undefined,
  };
}

/** dataType 'json' (the default): parsed when it parses, else the text, as WeChat does. */
function parseJson(data: string | ArrayBuffer): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
