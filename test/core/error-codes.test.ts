/** SPEC 0.3 "For hosts" → Types: `LocalErrorCode` is every local code, and `isLocalErrorCode` narrows to it. */
import { isLocalErrorCode, LOCAL_ERROR_CODES, LocalErrorCode } from '../../components/core';

const SPEC_LOCAL_CODES = [
  'MissingProductId', 'MissingAccessToken', 'InvalidResourceName', 'InsecureEndpoint', 'FileTooLarge', 'EmptyFile',
  'FileReadError', 'HttpError', 'InvalidResponse', 'NetworkError', 'Timeout', 'Aborted', 'IntegrityError',
  'Storage.HttpError', 'InvalidOption', 'DomainNotAllowed', 'Interrupted', 'ChooseFailed', 'ResourceNameInUse',
];

test('every code SPEC calls local is in the list', () => {
  for (const code of SPEC_LOCAL_CODES) expect(LOCAL_ERROR_CODES).toContain(code);
});

test('isLocalErrorCode: local codes and Storage.<COS code> yes; API codes, junk and prototype names no', () => {
  for (const code of [...SPEC_LOCAL_CODES, 'Storage.SignatureDoesNotMatch']) expect(isLocalErrorCode(code)).toBe(true);
  for (const code of ['InternalError', 'InvalidParameterValue.InvalidAccessToken', 'Storage.', 'storage.x', 'constructor', '', 42, null]) expect(isLocalErrorCode(code)).toBe(false);
});

test('narrowing: a checked code is a LocalErrorCode', () => {
  const code: string = 'Timeout';
  if (isLocalErrorCode(code)) {
    const local: LocalErrorCode = code;
    expect(local).toBe('Timeout');
  }
  // @ts-expect-error a misspelled local code does not compile where a LocalErrorCode is expected
  const wrong: LocalErrorCode = 'Timout';
  expect(wrong).toBe('Timout');
});
