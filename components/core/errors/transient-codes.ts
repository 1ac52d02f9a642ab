/**
 * Which failures are worth another try (SPEC: no answer, timeout, 5xx, InternalError,
 * RequestLimitExceeded). Read by UploadError for `retryable` and by the retry policy beside it.
 */

/** Codes worth another try; their sub-codes (`InternalError.DbFailed`) too. */
export const TRANSIENT_CODES = ['NetworkError', 'Timeout', 'Interrupted', 'InternalError', 'RequestLimitExceeded'];

/** SPEC: retryable for no answer, timeouts, 5xx, InternalError and RequestLimitExceeded (sub-codes too). */
export function isRetryable(code: string, status?: number): boolean {
  if (status !== undefined && status >= 500) return true;
  return TRANSIENT_CODES.some((c) => code === c || code.indexOf(c + '.') === 0);
}
