import type { AccessTokenSession } from './access-token';
import { withRetries } from '../errors/retry-policy';
import { send, UploadContext } from './context';
import { isInvalidAccessToken } from '../errors/codes';
import { UploadError } from '../errors/upload-error';
import type { PlatformResponse } from '../platform';
import { newRequestId } from './request-id';
import type { Secrets } from './redact';

export type TokenApiAction =
  | 'AppGetResourceUploadURL'
  | 'AppCreateProductResource'
  | 'AppControlDeviceResource'
  | 'AppDescribeDeviceResource'
  | 'AppGetResourceDownloadUrl';

export interface TokenApiClient {
  endpoint: string;
  token: AccessTokenSession;
}

export interface TokenApiAnswer {
  /** The action's output fields (`Response` or `data` of the envelope). */
  data: Record<string, unknown>;
  /** The server's RequestId, or the one sent when the server's held a secret (or was missing). */
  requestId: string;
  /** The RequestId the package sent, for an id found to hold a secret learnt from the answer itself. */
  sentRequestId: string;
}

type Parsed = { ok: true; data: Record<string, unknown>; requestId: string } | { ok: false; code: string; serverMessage: string; requestId: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * Reads both envelopes of platform-facts §1 and all three error shapes. SPEC's order: an
 * `Error.Code` wins whatever the HTTP status, then a non-zero `code`, then the status itself.
 */
export function parseTokenApiResponse(res: PlatformResponse, sentRequestId: string): Parsed {
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    // Not JSON: no envelope, below.
  }
  const ok2xx = res.status >= 200 && res.status < 300;
  if (!isObject(body) || !(isObject(body.Response) || 'code' in body)) {
    return { ok: false, code: ok2xx ? 'InvalidResponse' : 'HttpError', serverMessage: '', requestId: sentRequestId };
  }
  // `{Response}` (API 3.0) or `{code, msg, data}`, whose RequestId may sit beside `data`.
  const v3 = isObject(body.Response);
  const data = v3 ? body.Response : body.data;
  const own = isObject(data) && data.RequestId;
  const requestId = str(v3 ? own : own || body.RequestId) || sentRequestId;
  const failure = (code: string, serverMessage = ''): Parsed => ({ ok: false, code, serverMessage, requestId });
  const error = isObject(data) && isObject(data.Error) ? data.Error : {};
  if (str(error.Code)) return failure(str(error.Code), str(error.Message));
  if (!v3 && body.code !== 0 && body.code !== '0') return failure(str(body.code) || 'InvalidResponse', str(body.msg));
  if (!ok2xx) return failure('HttpError');
  if (!isObject(data)) return failure('InvalidResponse');
  return { ok: true, data, requestId };
}

/**
 * SPEC: a server RequestId holding a secret is replaced by the one the package sent (never
 * blanked). Asked again once the answer's own secrets are known (the URL it issued).
 */
export function cleanRequestId(secrets: Secrets, answer: Pick<TokenApiAnswer, 'requestId' | 'sentRequestId'>): string {
  return secrets.holds(answer.requestId) ? answer.sentRequestId : answer.requestId;
}

/** One attempt: a fresh RequestId, the public parameters in the body, the answer parsed. */
async function attempt(ctx: UploadContext, api: TokenApiClient, action: TokenApiAction, params: Record<string, unknown>, token: string): Promise<TokenApiAnswer> {
  const requestId = newRequestId(ctx.platform);
  const body = JSON.stringify({ AccessToken: token, RequestId: requestId, Action: action, ...params });
  const res = await send(ctx, {
    url: api.endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    timeoutMs: ctx.timeoutMs,
  });
  const parsed = parseTokenApiResponse(res, requestId);
  const answeredId = cleanRequestId(ctx.secrets, { requestId: parsed.requestId, sentRequestId: requestId });
  if (parsed.ok) return { data: parsed.data, requestId: answeredId, sentRequestId: requestId };
  throw UploadError.of(ctx.secrets.redact(parsed.code), { status: res.status, serverMessage: ctx.secrets.redact(parsed.serverMessage) }, answeredId);
}

/**
 * Calls an action with transient-fault retries, and once more with a renewed token when the
 * server says the token is invalid and a provider can supply another (SPEC wire rule 4).
 */
export async function callAction(ctx: UploadContext, api: TokenApiClient, action: TokenApiAction, params: Record<string, unknown>): Promise<TokenApiAnswer> {
  for (;;) {
    const token = await api.token.current();
    try {
      return await withRetries(ctx, () => attempt(ctx, api, action, params, token));
    } catch (err) {
      if (err instanceof UploadError && isInvalidAccessToken(err.code) && (await api.token.ask('invalid'))) continue;
      throw err;
    }
  }
}

/** A presigned URL as an action issued it, with the RequestId of that answer. */
export interface SignedUrl {
  url: string;
  requestId: string;
  /** The whole answer, for the fields beside the URL. */
  data: Record<string, unknown>;
}
