/** COS's XML error bodies, byte for byte in the layout the real service sends. */
import { cosRequestId } from './ids';

export interface CosErrorSpec {
  status: number;
  code: string;
  message: string;
}

/** The answers the bucket gives, with the real COS messages where they are known. */
export const CosErrors = {
  expired: { status: 403, code: 'AccessDenied', message: 'Request has expired' },
  signature: { status: 403, code: 'SignatureDoesNotMatch', message: 'The Signature you specified is invalid.' },
  anonymous: { status: 403, code: 'AccessDenied', message: 'Access Denied.' },
  malformedAuth: { status: 403, code: 'AccessDenied', message: 'Authorization is not in the expected format.' },
  unknownKey: {
    status: 403,
    code: 'InvalidAccessKeyId',
    message: 'The Access Key Id you provided does not exist in our records.',
  },
  sizeMismatch: {
    status: 400,
    code: 'InvalidArgument',
    message: 'The request body size does not match the FileSize declared for this upload URL.',
  },
  invalidDigest: { status: 400, code: 'InvalidDigest', message: 'The Content-MD5 you specified is not valid.' },
  badDigest: { status: 400, code: 'BadDigest', message: 'The Content-MD5 you specified did not match what was received.' },
  noSuchKey: { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' },
  invalidUri: { status: 400, code: 'InvalidURI', message: "Couldn't parse the specified URI." },
  methodNotAllowed: {
    status: 405,
    code: 'MethodNotAllowed',
    message: 'The specified method is not allowed against this resource.',
  },
  internal: { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
} satisfies Record<string, CosErrorSpec>;

function escapeXml(s: string): string {
  return s.replace(/[&<>'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface CosErrorBody {
  code: string;
  message: string;
  /** `host/path` of the request, as COS reports it. */
  resource: string;
  requestId: string;
}

export function cosErrorXml(e: CosErrorBody): string {
  return (
    "<?xml version='1.0' encoding='utf-8' ?>\n" +
    '<Error>\n' +
    `\t<Code>${escapeXml(e.code)}</Code>\n` +
    `\t<Message>${escapeXml(e.message)}</Message>\n` +
    `\t<Resource>${escapeXml(e.resource)}</Resource>\n` +
    `\t<RequestId>${escapeXml(e.requestId)}</RequestId>\n` +
    `\t<TraceId>${escapeXml(cosRequestId() + cosRequestId())}</TraceId>\n` +
    '</Error>'
  );
}
