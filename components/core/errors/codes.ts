/** Types only (see gulpfile: a `types.ts` ships as `.d.ts`, never as JS). */
import type { LocalErrorCode } from './upload-error';

/**
 * Every `code` a failure can carry: the package's own codes, which editors complete, and any
 * code the token API or storage sends (`(string & {})` keeps the completion of the local ones).
 */
export type ErrorCode =
  | LocalErrorCode
  | 'InvalidOption'
  | 'DomainNotAllowed'
  | 'Interrupted'
  | 'ChooseFailed'
  | 'InvalidParameterValue.InvalidAccessToken'
  | 'InternalError'
  | 'RequestLimitExceeded'
  | (string & {});
