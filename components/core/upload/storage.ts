import { base64OfHex } from './base64';
import { withRetries } from '../errors/retry-policy';
import { send, UploadContext } from '../request/context';
import type { SignedUrl } from '../request/token-api';
import { UploadError } from '../errors/upload-error';
import { isLargePut, putTimeoutMs } from './slow-upload';

/** COS answers failures with `<Error><Code>…</Code><Message>…</Message>…` XML (its RequestId is not ours to show). */
export function parseCosError(body: string): { code: string; message: string } | null {
  if (typeof body !== 'string' || body.indexOf('<Error>') === -1) return null;
  const tag = (name: string) => {
    const m = new RegExp('<' + name + '>([^<]*)</' + name + '>').exec(body);
    return m ? m[1].trim() : '';
  };
  const code = tag('Code');
  return code ? { code, message: tag('Message') } : null;
}

/** `"d41d8…"`, `W/"…"` or bare hex → lower-case hex. */
export function normalizeEtag(etag: string): string {
  return etag.replace(/^W\//i, '').replace(/"/g, '').trim().toLowerCase();
}

export interface PutRequest {
  /**
   * The URL, exactly as the token API returned it (re-encoding it would break the signature), and
   * the RequestId of the call that issued it: every failure storage answers carries that id.
   */
  to: SignedUrl;
  body: ArrayBuffer;
  contentType: string;
  /** Lower-case hex, as the platform's hash gives it. */
  md5: string;
  /** Bytes per second the PUT is allowed to be as slow as (`minUploadRate`, checked). */
  minUploadRate: number;
}

/** true once stored; false when the URL has expired (SPEC wire rule 3: a new URL, not giving up). */
async function putOnce(ctx: UploadContext, put: PutRequest): Promise<boolean> {
  const res = await send(ctx, {
    url: put.to.url,
    method: 'PUT',
    // Storage refuses a body that changed on the way (BadDigest) before storing it; the ETag check stays.
    headers: { 'content-type': put.contentType, 'content-md5': base64OfHex(put.md5) },
    body: put.body,
    timeoutMs: putTimeoutMs(ctx.timeoutMs, put.body.byteLength, put.minUploadRate),
  });
  // SPEC 0.3: a storage failure carries the RequestId of the call that issued its URL, not COS's
  // own id (which may echo the signed URL), so a host has one id to quote for the whole upload.
  if (res.status >= 200 && res.status < 300) {
    const etag = res.headers.etag;
    if (etag && normalizeEtag(etag) !== put.md5) throw UploadError.of('IntegrityError', { status: res.status }, put.to.requestId);
    return true;
  }
  const cos = parseCosError(res.body);
  if (res.status === 403 && cos && cos.code === 'AccessDenied' && cos.message.indexOf('Request has expired') !== -1) return false;
  const code = cos ? 'Storage.' + ctx.secrets.redact(cos.code) : 'Storage.HttpError';
  throw UploadError.of(code, { status: res.status, serverMessage: cos ? ctx.secrets.redact(cos.message) : '' }, put.to.requestId);
}

/** The PUT with transient-fault retries; an expired URL is reported, not retried, so a new one can be fetched. */
export async function putObject(ctx: UploadContext, put: PutRequest): Promise<boolean> {
  const bytes = put.body.byteLength;
  try {
    return await withRetries(ctx, () => putOnce(ctx, put));
  } catch (err) {
    // A large file that ran out of time: the link is up but too slow for it, say so (still
    // `Timeout`, still retryable; the message words `slowBytes`, see slow-upload.ts).
    if (err instanceof UploadError && err.code === 'Timeout' && isLargePut(ctx.timeoutMs, bytes, put.minUploadRate)) {
      throw err.with({ detail: { ...err.detail, slowBytes: bytes } });
    }
    throw err;
  }
}
