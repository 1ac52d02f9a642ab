import type { ErrorCode } from './codes';
import { Locale, messageFor } from '../i18n/messages';

/** Codes the package raises itself; codes from the token API pass through unchanged. */
export type LocalErrorCode =
  | 'MissingProductId'
  | 'MissingAccessToken'
  | 'InvalidResourceName'
  | 'InsecureEndpoint'
  | 'FileTooLarge'
  | 'EmptyFile'
  | 'FileReadError'
  | 'HttpError'
  | 'InvalidResponse'
  | 'NetworkError'
  | 'Timeout'
  | 'Aborted'
  | 'IntegrityError'
  | 'Storage.HttpError'
  /** An option of the wrong type or an unusable value; `detail.option` names it. */
  | 'InvalidOption'
  /** WeChat refused a host missing from the request domain list; `domain` names it. */
  | 'DomainNotAllowed'
  /** WeChat cut a request after 5 s in the background; retryable once the app is back. */
  | 'Interrupted'
  /** Another upload of the same fixed resource name is in flight: two files never share a name. */
  | 'ResourceNameInUse'
  /** The queue's name for anything thrown that is not an UploadError: a bug, ours or the platform's. */
  | 'ClientError';

/** What a message may mention. Never a token or a signed URL: callers pass redacted text only. */
export interface ErrorDetail {
  /** HTTP status of the answer that failed, when there was one. */
  status?: number;
  /** The server's own words, already redacted. */
  serverMessage?: string;
  /** Size limits for FileTooLarge. */
  maxSize?: number;
  size?: number;
  /** InvalidOption: the option's name as the caller wrote it. */
  option?: string;
  /** DomainNotAllowed: `https://host[:port]` to add to the request domain list. */
  domain?: string;
}

const TRANSIENT_CODES = ['NetworkError', 'Timeout', 'Interrupted', 'InternalError', 'RequestLimitExceeded'];

/** SPEC: retryable for no answer, timeouts, 5xx, InternalError and RequestLimitExceeded (sub-codes too). */
export function isRetryable(code: string, status?: number): boolean {
  if (status !== undefined && status >= 500) return true;
  return TRANSIENT_CODES.some((c) => code === c || code.startsWith(c + '.'));
}

export function isInvalidAccessToken(code: string): boolean {
  // The official SDK matches any code containing it, whatever the prefix.
  return code.indexOf('InvalidAccessToken') !== -1;
}

export interface UploadErrorOptions {
  requestId?: string;
  status?: number;
  retryable?: boolean;
  detail?: ErrorDetail;
  domain?: string;
}

export class UploadError extends Error {
  /** A local code (see `ErrorCode`) or the server's own. */
  readonly code: ErrorCode;
  /** RequestId of the answer that failed; '' when no server answered. */
  readonly requestId: string;
  readonly retryable: boolean;
  /** HTTP status of the failed answer, when there was one. */
  readonly status?: number;
  /** DomainNotAllowed: the `https://host` to add to the mini-program's request domain list. */
  readonly domain?: string;
  /** What the message was worded from, so it can be worded again in another locale. */
  readonly detail: ErrorDetail;

  constructor(code: string, message: string, options: UploadErrorOptions = {}) {
    super(message);
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, UploadError.prototype);
    this.name = 'UploadError';
    this.code = code;
    this.requestId = options.requestId || '';
    this.status = options.status;
    this.detail = options.detail || {};
    if (options.domain) this.domain = options.domain;
    this.retryable = options.retryable !== undefined ? options.retryable : isRetryable(code, options.status);
  }

  /** The usual way to raise: a code, its localized message, and where it came from. */
  static of(code: string, locale: Locale, detail: ErrorDetail = {}, requestId = ''): UploadError {
    return new UploadError(code, messageFor(code, locale, detail), { requestId, status: detail.status, detail, domain: detail.domain });
  }

  /** The same failure worded in another locale (the message is derived, never stored text). */
  inLocale(locale: Locale): UploadError {
    return this.with({ message: messageFor(this.code, locale, this.detail) });
  }

  /** A copy with some fields replaced (used to redact and to re-word). */
  with(patch: { code?: string; message?: string; requestId?: string; detail?: ErrorDetail }): UploadError {
    const detail = patch.detail || this.detail;
    return new UploadError(patch.code !== undefined ? patch.code : this.code, patch.message !== undefined ? patch.message : this.message, {
      requestId: patch.requestId !== undefined ? patch.requestId : this.requestId,
      status: this.status,
      retryable: this.retryable,
      detail,
      domain: detail.domain,
    });
  }

  toJSON(): { code: string; message: string; requestId: string; retryable: boolean; domain?: string } {
    const json: { code: string; message: string; requestId: string; retryable: boolean; domain?: string } = { code: this.code, message: this.message, requestId: this.requestId, retryable: this.retryable };
    if (this.domain) json.domain = this.domain;
    return json;
  }
}
