/**
 * The last step before anything reaches a host: every string of a result or an error goes through
 * the upload's secrets (SPEC "Never (added)": code, message, requestId, resourceName, details),
 * and an error is worded here, from its clean code and details, in the locale asked for.
 */
import { UploadError } from '../errors/upload-error';
import { messageFor } from '../i18n/messages';
import type { Secrets } from './redact';

/** A server code holding a secret has that part replaced; the message is worded from the clean code. */
export function surfaceError(err: UploadError, secrets: Secrets, locale: string): UploadError {
  const code = secrets.redact(err.code);
  const detail = surfaceResult(err.detail, secrets);
  return err.with({ code, detail, requestId: secrets.redact(err.requestId), message: secrets.redact(messageFor(code, locale, detail)) });
}

/** Every string field of a result (or of an error's details), redacted. */
export function surfaceResult<T extends object>(result: T, secrets: Secrets): T {
  const out = { ...result } as Record<string, unknown>;
  for (const key of Object.keys(out)) {
    const value = out[key];
    if (typeof value === 'string') out[key] = secrets.redact(value);
  }
  return out as T;
}
