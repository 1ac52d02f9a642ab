/** Shared by the emulator tests: talk to a running emulator through the Node platform. */
import { createHash } from 'crypto';
import { createNodePlatform } from '../../node-platform';
import type { Emulator } from '../../emulator';
import type { PlatformResponse } from '../../components/core';

export const platform = createNodePlatform();

/** The UploadUrl of the API page's example (AppGetResourceUploadURL.md), with its product id. */
export const SEED_UPLOAD_URL =
  'https://gz-g-resource-1256872341.cos.ap-guangzhou.myqcloud.com/res%2F96666666666_BKTTNGIQOG_USER_72375312314273792_RES_restest_0.0.1?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKIDMUM9hdmn35rHZe72Y6UfliNo1PYQFZln%26q-sign-time%3D1620729273%3B1620732873%26q-key-time%3D1620729273%3B1620732873%26q-header-list%3D%26q-url-param-list%3D%26q-signature%3De1e31a1c14a738d1e790f92a158d4fea7f1135e7';
export const SEED_PRODUCT_ID = 'BKTTNGIQOG';

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

let counter = 0;

/** POSTs an action; `body` replaces the whole JSON body when given as a string. */
export async function callApi(
  emu: Emulator,
  action: string,
  params: Record<string, unknown> = {},
  publicParams: Record<string, unknown> = {},
): Promise<ApiAnswer> {
  const body = JSON.stringify({
    AccessToken: emu.token,
    RequestId: `req-${++counter}`,
    Action: action,
    ...publicParams,
    ...params,
  });
  return postRaw(emu, body);
}

export async function postRaw(emu: Emulator, body: string): Promise<ApiAnswer> {
  const res = await platform.request({
    url: emu.endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    timeoutMs: 10_000,
  }).response;
  return { status: res.status, headers: res.headers, text: res.body, json: tryJson(res.body) };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `data` of a `{code: 0, …}` answer; fails the test with the body otherwise. */
export function dataOf(answer: ApiAnswer): Record<string, unknown> {
  const j = answer.json as { code?: number; data?: Record<string, unknown> } | undefined;
  if (!j || j.code !== 0 || !j.data) throw new Error(`not a success: ${answer.status} ${answer.text}`);
  return j.data;
}

/** `Error.Code` from either envelope. */
export function errorCodeOf(answer: ApiAnswer): string | undefined {
  const j = answer.json as
    | { data?: { Error?: { Code?: string } }; Response?: { Error?: { Code?: string } } }
    | undefined;
  return j?.data?.Error?.Code ?? j?.Response?.Error?.Code;
}

export interface UploadParams {
  UserResourceName?: string;
  FileSize: number;
  ResourceVer?: string;
}

export async function getUploadUrl(
  emu: Emulator,
  p: UploadParams,
): Promise<{ url: string; resourceName: string; requestId: string }> {
  const answer = await callApi(emu, 'AppGetResourceUploadURL', {
    ProductId: emu.productId,
    UserResourceName: p.UserResourceName ?? 'restest',
    FileSize: p.FileSize,
    ResourceVer: p.ResourceVer ?? '0.0.1',
  });
  const data = dataOf(answer);
  return { url: String(data.UploadUrl), resourceName: String(data.ResourceName), requestId: String(data.RequestId) };
}

export function put(
  url: string,
  bytes: Uint8Array,
  contentType = 'application/octet-stream',
): Promise<PlatformResponse> {
  const body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return platform.request({ url, method: 'PUT', headers: { 'content-type': contentType }, body, timeoutMs: 30_000 })
    .response;
}

export function get(url: string): Promise<PlatformResponse> {
  return platform.request({ url, method: 'GET', headers: {}, timeoutMs: 10_000 }).response;
}

/** Reads `<Code>` and `<Message>` from a COS XML error body. */
export function cosError(body: string): { code?: string; message?: string } {
  return {
    code: /<Code>([^<]*)<\/Code>/.exec(body)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(body)?.[1],
  };
}

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

export interface RawAnswer {
  status: number;
  headers: import('http').IncomingHttpHeaders;
  body: string;
}

/**
 * One request with Node's `http`, headers exactly as given (Host, Origin, Sec-Fetch-Site…): what a
 * browser page or a hostile client sends, which the core's platform never would.
 */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string | number> = {},
  body?: string | Buffer,
): Promise<RawAnswer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const http = require('http') as typeof import('http');
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request(
      { host: u.hostname, port: u.port, path: url.slice(u.origin.length), method, headers, setHost: !('host' in headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
