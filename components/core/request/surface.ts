/**
 * The last step before anything reaches a host: every string of a result or an error goes through
 * the upload's secrets (SPEC "Never (added)": code, message, requestId, resourceName, details).
 */
import { ErrorDetail, UploadError } from '../errors/upload-error';
import { Locale, messageFor } from '../i18n/messages';
import type { UploadResult } from '../upload/options';
import type { Secrets } from './redact';

function redactDetail(detail: ErrorDetail, secrets: Secrets): ErrorDetail {
  const out: ErrorDetail = { ...detail };
  if (typeof out.serverMessage === 'string') out.serverMessage = secrets.redact(out.serverMessage);
  if (typeof out.domain === 'string') out.domain = secrets.redact(out.domain);
  if (typeof out.option === 'string') out.option = secrets.redact(out.option);
  return out;
}

/** A server code holding a secret has that part replaced; the message is worded from the clean code. */
export function surfaceError(err: UploadError, secrets: Secrets, locale: Locale): UploadError {
  const code = secrets.redact(err.code);
  const detail = redactDetail(err.detail, secrets);
  const message = secrets.redact(code !== err.code || detail.serverMessage !== err.detail.serverMessage ? messageFor(code, locale, detail) : err.message);
  const requestId = secrets.redact(err.requestId);
  if (code === err.code && message === err.message && requestId === err.requestId && detail.serverMessage === err.detail.serverMessage) return err;
  return err.with({ code, message, requestId, detail });
}

export function surfaceResult(result: UploadResult, secrets: Secrets): UploadResult {
  const out = { ...result } as UploadResult & Record<string, unknown>;
  for (const key of Object.keys(out)) {
    const value = out[key];
    if (typeof value === 'string') out[key] = secrets.redact(value);
  }
  return out;
}
