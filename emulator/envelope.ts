/**
 * The two response envelopes of the token API (platform-facts §1): the documented Tencent Cloud
 * API 3.0 `{Response: …}` and the `{code, msg, data}` one every official client actually parses.
 */

export type EnvelopeKind = 'code' | 'response';

export type ApiData = Record<string, unknown>;

export function successBody(kind: EnvelopeKind, requestId: string, data: ApiData): object {
  const payload = { RequestId: requestId, ...data };
  return kind === 'code' ? { code: 0, msg: '', data: payload } : { Response: payload };
}

export function errorBody(kind: EnvelopeKind, requestId: string, code: string, message: string): object {
  const error = { Error: { Code: code, Message: message }, RequestId: requestId };
  // -1000 is the generic failure code official clients see beside `data.Error`.
  return kind === 'code' ? { code: -1000, msg: message, data: error } : { Response: error };
}
