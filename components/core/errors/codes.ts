/**
 * Every code the package raises itself, written once: `LocalErrorCode` is derived from this list,
 * and `isLocalErrorCode` reads it at run time. Codes from the token API pass through unchanged.
 */
export const LOCAL_ERROR_CODES = [
  'MissingProductId',
  'MissingAccessToken',
  'InvalidResourceName',
  'InsecureEndpoint',
  'FileTooLarge',
  'EmptyFile',
  'FileReadError',
  'HttpError',
  'InvalidResponse',
  'NetworkError',
  'Timeout',
  'Aborted',
  'IntegrityError',
  'Storage.HttpError',
  /** An option of the wrong type or an unusable value; `detail.option` names it. */
  'InvalidOption',
  /** WeChat refused a host missing from the request domain list; `domain` names it. */
  'DomainNotAllowed',
  /** WeChat cut a request after 5 s in the background; retryable once the app is back. */
  'Interrupted',
  /** The chooser failed for another reason than the user cancelling (the `error` event). */
  'ChooseFailed',
  /** Another upload of the same fixed resource name is in flight: two files never share a name. */
  'ResourceNameInUse',
  /** The queue's name for anything thrown that is not an UploadError: a bug, ours or the platform's. */
  'ClientError',
] as const;

/** The package's own codes; `Storage.<COS code>` is ours too (the COS code after the dot is the bucket's). */
export type LocalErrorCode = (typeof LOCAL_ERROR_CODES)[number] | `Storage.${string}`;

/**
 * Every `code` a failure can carry: the package's own codes, which editors complete, and any
 * code the token API sends (`(string & {})` keeps the completion of the local ones).
 */
export type ErrorCode = LocalErrorCode | 'InvalidParameterValue.InvalidAccessToken' | 'InternalError' | 'RequestLimitExceeded' | (string & {});

/** Narrows a failure's code to the package's own (a `Storage.` code included). */
export function isLocalErrorCode(code: unknown): code is LocalErrorCode {
  if (typeof code !== 'string') return false;
  return (LOCAL_ERROR_CODES as readonly string[]).indexOf(code) !== -1 || (code.indexOf('Storage.') === 0 && code.length > 8);
}

/** The official SDK re-logs in on any code containing it, whatever the prefix; so does the package. */
export function isInvalidAccessToken(code: string): boolean {
  return code.indexOf('InvalidAccessToken') !== -1;
}
