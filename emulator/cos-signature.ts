/**
 * COS XML API v5 request signing ("q-sign-algorithm=sha1&…"), written from the public algorithm
 * (platform-facts §3) so the emulator can both issue presigned URLs and check them like COS does.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** encodeURIComponent plus the five characters it leaves alone but COS encodes. */
export function cosEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export type SignableValues = Record<string, string | number | undefined>;

export interface CosSignInput {
  secretId: string;
  secretKey: string;
  method: string;
  /** The object key as stored (decoded), with or without its leading `/`. */
  key: string;
  /** Query parameters to sign; their names go into `q-url-param-list`. */
  query?: SignableValues;
  /** Headers to sign; their names go into `q-header-list`. */
  headers?: SignableValues;
  /** `start;end` in Unix seconds: both `q-sign-time` and `q-key-time`. */
  keyTime: string;
}

/** Lower-cased encoded names, sorted, with their encoded values: the "params"/"headers" lines. */
function canonical(values: SignableValues): { list: string; line: string } {
  const entries = Object.keys(values)
    .map((name) => {
      const v = values[name];
      return [cosEncode(name).toLowerCase(), cosEncode(v === undefined ? '' : String(v))] as const;
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    list: entries.map(([k]) => k).join(';'),
    line: entries.map(([k, v]) => `${k}=${v}`).join('&'),
  };
}

function sha1Hex(data: string): string {
  return createHash('sha1').update(data, 'utf8').digest('hex');
}

function hmacSha1Hex(key: string, data: string): string {
  return createHmac('sha1', key).update(data, 'utf8').digest('hex');
}

interface SignatureParts {
  secretKey: string;
  method: string;
  key: string;
  signTime: string;
  keyTime: string;
  /** The canonical "params" and "headers" lines. */
  params: string;
  headers: string;
}

function signature(p: SignatureParts): string {
  const pathname = p.key.startsWith('/') ? p.key : '/' + p.key;
  const httpString = [p.method.toLowerCase(), pathname, p.params, p.headers, ''].join('\n');
  const stringToSign = ['sha1', p.signTime, sha1Hex(httpString), ''].join('\n');
  const signKey = hmacSha1Hex(p.secretKey, p.keyTime);
  return hmacSha1Hex(signKey, stringToSign);
}

/** The whole authorization string, as COS expects it in `sign=` (URL-encoded) or `Authorization`. */
export function cosAuthorization(input: CosSignInput): string {
  const query = canonical(input.query ?? {});
  const headers = canonical(input.headers ?? {});
  return [
    'q-sign-algorithm=sha1',
    `q-ak=${input.secretId}`,
    `q-sign-time=${input.keyTime}`,
    `q-key-time=${input.keyTime}`,
    `q-header-list=${headers.list}`,
    `q-url-param-list=${query.list}`,
    `q-signature=${signature({
      secretKey: input.secretKey,
      method: input.method,
      key: input.key,
      signTime: input.keyTime,
      keyTime: input.keyTime,
      params: query.line,
      headers: headers.line,
    })}`,
  ].join('&');
}

export interface CosAuthFields {
  algorithm: string;
  ak: string;
  signTime: string;
  keyTime: string;
  headerList: string[];
  urlParamList: string[];
  signature: string;
}

const FIELD_NAMES = {
  'q-sign-algorithm': 'algorithm',
  'q-ak': 'ak',
  'q-sign-time': 'signTime',
  'q-key-time': 'keyTime',
  'q-header-list': 'headerList',
  'q-url-param-list': 'urlParamList',
  'q-signature': 'signature',
} as const;

type FieldName = keyof typeof FIELD_NAMES;

function isFieldName(name: string): name is FieldName {
  return Object.prototype.hasOwnProperty.call(FIELD_NAMES, name);
}

/** Reads the q-* fields from name/value pairs; null when one is missing. */
export function authFieldsFrom(pairs: Iterable<[string, string]>): CosAuthFields | null {
  const raw: Partial<Record<FieldName, string>> = {};
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    if (isFieldName(lower)) raw[lower] = value;
  }
  const names = Object.keys(FIELD_NAMES) as FieldName[];
  if (names.some((n) => raw[n] === undefined)) return null;
  const list = (s: string | undefined) => (s ? s.split(';').map((x) => x.toLowerCase()) : []);
  return {
    algorithm: raw['q-sign-algorithm'] ?? '',
    ak: raw['q-ak'] ?? '',
    signTime: raw['q-sign-time'] ?? '',
    keyTime: raw['q-key-time'] ?? '',
    headerList: list(raw['q-header-list']),
    urlParamList: list(raw['q-url-param-list']),
    signature: raw['q-signature'] ?? '',
  };
}

/** Parses `q-sign-algorithm=sha1&q-ak=…` (the decoded `sign` value or an `Authorization` header). */
export function parseCosAuthorization(auth: string): CosAuthFields | null {
  const pairs: Array<[string, string]> = auth.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
  });
  return authFieldsFrom(pairs);
}

function parseWindow(s: string): { start: number; end: number } | null {
  const m = /^(\d+);(\d+)$/.exec(s);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return start <= end ? { start, end } : null;
}

export type CosVerdict = 'ok' | 'malformed' | 'unknown-key' | 'expired' | 'mismatch';

export interface CosVerifyInput {
  auth: CosAuthFields;
  /** Looks up the SecretKey of a SecretId; undefined when the id is unknown. */
  secretKeyOf(secretId: string): string | undefined;
  method: string;
  /** The decoded request path, e.g. `/res/123_PID_USER_1_RES_a_0.0.1`. */
  key: string;
  /** Decoded query parameters of the request (names as sent). */
  query: ReadonlyMap<string, string>;
  /** Request headers, names lower-cased (Node's `IncomingHttpHeaders`). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  nowSeconds: number;
}

/** Checks a request the way COS does: format, time window, then the signature itself. */
export function verifyCos(input: CosVerifyInput): CosVerdict {
  const { auth } = input;
  const signWindow = parseWindow(auth.signTime);
  const keyWindow = parseWindow(auth.keyTime);
  if (auth.algorithm !== 'sha1' || !signWindow || !keyWindow || !/^[0-9a-f]{40}$/i.test(auth.signature)) {
    return 'malformed';
  }
  const secretKey = input.secretKeyOf(auth.ak);
  if (secretKey === undefined) return 'unknown-key';
  const now = input.nowSeconds;
  const outside = (w: { start: number; end: number }) => now < w.start || now > w.end;
  if (outside(signWindow) || outside(keyWindow)) return 'expired';

  // Only what the client listed was signed; everything else in the request is ignored.
  // The lists hold encoded, lower-cased names; canonical() encodes again, so map back to the sent names.
  const sent = new Map<string, [string, string]>();
  for (const [name, value] of input.query) sent.set(cosEncode(name).toLowerCase(), [name, value]);
  const query: SignableValues = {};
  for (const listed of auth.urlParamList) {
    const [name, value] = sent.get(listed) ?? [listed, ''];
    query[name] = value;
  }
  const headers: SignableValues = {};
  for (const name of auth.headerList) {
    const value = input.headers[name];
    headers[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }
  const expected = signature({
    secretKey,
    method: input.method,
    key: input.key,
    signTime: auth.signTime,
    keyTime: auth.keyTime,
    params: canonical(query).line,
    headers: canonical(headers).line,
  });
  const got = Buffer.from(auth.signature.toLowerCase(), 'utf8');
  const want = Buffer.from(expected, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want) ? 'ok' : 'mismatch';
}
