/**
 * A failure as the core knows it: a code and the facts it can be worded from. Nothing here is
 * worded until an edge calls `worded`: the message is made from `code` and `detail` in the locale in
 * force there (i18n/), so a failure shown again after a locale switch speaks the new locale.
 */
import { ErrorDetail, messageFor } from '../i18n/messages';
import type { ErrorCode } from './codes';
import { isRetryable } from './transient-codes';

export type { ErrorCode, LocalErrorCode } from './codes';
export type { ErrorDetail } from '../i18n/messages';

export interface UploadErrorOptions {
  requestId?: string;
  status?: number;
  retryable?: boolean;
  detail?: ErrorDetail;
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
  /** What the message is worded from, in any locale, whenever it is shown. */
  readonly detail: ErrorDetail;

  /** `message` is the worded text once surfaced (i18n `worded`); inside the core it is the code. */
  constructor(code: string, message: string, { requestId = '', detail = {}, status = detail.status, retryable = isRetryable(code, status) }: UploadErrorOptions = {}) {
    super(message);
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, UploadError.prototype);
    this.name = 'UploadError';
    this.code = code;
    this.requestId = requestId;
    this.detail = detail;
    this.status = status;
    if (detail.domain) this.domain = detail.domain;
    this.retryable = retryable;
  }

  /** The usual way to raise: a code, the facts of it, and the RequestId of the answer that failed. */
  static of(code: string, detail: ErrorDetail = {}, requestId = ''): UploadError {
    return new UploadError(code, code, { requestId, detail });
  }

  /** A copy with some fields replaced (used to redact and to word). */
  with(patch: { code?: string; message?: string; requestId?: string; detail?: ErrorDetail }): UploadError {
    const { code = this.code, message = this.message, requestId = this.requestId, detail = this.detail } = patch;
    return new UploadError(code, message, { requestId, status: this.status, retryable: this.retryable, detail });
  }

  toJSON(): { code: string; message: string; requestId: string; retryable: boolean; domain?: string } {
    const { code, message, requestId, retryable, domain } = this;
    return domain ? { code, message, requestId, retryable, domain } : { code, message, requestId, retryable };
  }
}

/** What every stopped upload, wait or request ends with. */
export function uploadAborted(): UploadError {
  return UploadError.of('Aborted');
}

/** An option of the wrong type or an unusable value; `detail.option` names it as the caller wrote it. */
export function invalidOption(option: string): UploadError {
  return UploadError.of('InvalidOption', { option });
}

/** A caller's mistake in a call that takes no locale (`configure`, `setAccessTokenProvider`): the package's default one words it. */
export function invalidOptionWorded(option: string): UploadError {
  return worded(invalidOption(option), 'zh-CN');
}

/** The failure with its message worded in `locale`: what every edge does before a host sees it. */
export function worded(err: UploadError, locale: string): UploadError {
  return err.with({ message: messageFor(err.code, locale, err.detail) });
}
