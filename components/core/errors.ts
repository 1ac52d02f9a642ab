import type { ErrorCode } from './types';
import { Locale, messageFor } from './messages';

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
}

const TRANSIENT_CODES = ['NetworkError', 'Timeout', 'InternalError', 'RequestLimitExceeded'];

/** SPEC: retryable for no answer, timeouts, 5xx, InternalError and RequestLimitExceeded (sub-codes too). */
export function isRetryable(code: string, status?: number): boolean {
  if (status !== undefined && status >= 500) return true;
  return TRANSIENT_CODES.some((c) => code === c || code.startsWith(c + '.'));
}

export function isInvalidAccessToken(code: string): boolean {
  // The official SDK matches any code containing it, whatever the prefix.
  return code.indexOf('InvalidAccessToken') !== -1;
}

export class UploadError extends Error {
  /** A local code (see `ErrorCode`) or the server's own. */
  readonly code: ErrorCode;
  /** RequestId of the answer that failed; '' when no server answered. */
  readonly requestId: string;
  readonly retryable: boolean;
  /** HTTP status of the failed answer, when there was one. */
  readonly status?: number;

  constructor(code: string, message: string, options: { requestId?: string; status?: number; retryable?: boolean } = {}) {
    super(message);
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, UploadError.prototype);
    this.name = 'UploadError';
    this.code = code;
    this.requestId = options.requestId || '';
    this.status = options.status;
    this.retryable = options.retryable !== undefined ? options.retryable : isRetryable(code, options.status);
  }

  /** The usual way to raise: a code, its localized message, and where it came from. */
  static of(code: string, locale: Locale, detail: ErrorDetail = {}, requestId = ''): UploadError {
    return new UploadError(code, messageFor(code, locale, detail), { requestId, status: detail.status });
  }

  toJSON(): { code: string; message: string; requestId: string; retryable: boolean } {
    return { code: this.code, message: this.message, requestId: this.requestId, retryable: this.retryable };
  }
}
