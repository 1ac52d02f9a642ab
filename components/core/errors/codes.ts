import { LOCAL_WORDS } from '../i18n/messages';

/**
 * Every code the package raises itself: the keys of its own words (i18n/messages.ts), so each is
 * written once and has a sentence. `LocalErrorCode` is derived from them, and `isLocalErrorCode`
 * reads them at run time. Codes from the token API pass through unchanged.
 */
export const LOCAL_ERROR_CODES = Object.keys(LOCAL_WORDS) as Array<keyof typeof LOCAL_WORDS>;

/** The package's own codes; `Storage.<COS code>` is ours too (the COS code after the dot is the bucket's). */
export type LocalErrorCode = keyof typeof LOCAL_WORDS | `Storage.${string}`;

/**
 * Every `code` a failure can carry: the package's own codes, which editors complete, and any
 * code the token API sends (`(string & {})` keeps the completion of the local ones).
 */
export type ErrorCode = LocalErrorCode | 'InvalidParameterValue.InvalidAccessToken' | 'InternalError' | 'RequestLimitExceeded' | (string & {});

/** Narrows a failure's code to the package's own (a `Storage.` code included). */
export function isLocalErrorCode(code: unknown): code is LocalErrorCode {
  if (typeof code !== 'string') return false;
  return (LOCAL_ERROR_CODES as string[]).indexOf(code) !== -1 || /^Storage\../.test(code);
}

/** The official SDK re-logs in on any code containing it, whatever the prefix; so does the package. */
export function isInvalidAccessToken(code: string): boolean {
  return code.indexOf('InvalidAccessToken') !== -1;
}
