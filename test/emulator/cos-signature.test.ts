import * as fc from 'fast-check';
import { cosAuthorization, cosEncode, parseCosAuthorization, verifyCos } from '../../emulator/cos-signature';

// The official SDK is the oracle: its signature must equal ours for the same inputs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const COS = require('cos-nodejs-sdk-v5') as {
  getAuthorization(o: {
    SecretId: string;
    SecretKey: string;
    Method?: string;
    Key?: string;
    Query?: Record<string, string>;
    Headers?: Record<string, string>;
    KeyTime?: string;
    Expires?: number;
  }): string;
};

const SecretId = 'AKIDMUM9hdmn35rHZe72Y6UfliNo1PYQFZln';
const SecretKey = 'k8UK0xQd2JdAAkQXxCfHkDUO6x4tXKGg';

describe('COS v5 signature', () => {
  const cases: Array<{
    method: string;
    key: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
  }> = [
    { method: 'PUT', key: 'res/96666666666_BKTTNGIQOG_USER_72375312314273792_RES_restest_0.0.1' },
    { method: 'GET', key: 'res/96666666666_BKTTNGIQOG_USER_72375312314273792_RES_restest_0.0.1' },
    { method: 'put', key: 'a/b/c/deep path/with spaces.bin' },
    { method: 'GET', key: '中文/文件 名.mp3' },
    { method: 'HEAD', key: "odd !'()*~ chars&=+;.txt" },
    { method: 'PUT', key: '/leading-slash.bin' },
    {
      method: 'GET',
      key: 'res/x.wav',
      query: { 'response-content-type': 'audio/wav', versionId: 'V 1' },
      headers: { 'Content-Type': 'audio/wav', Host: 'bucket-125.cos.ap-guangzhou.myqcloud.com' },
    },
    {
      method: 'GET',
      key: 'res/x.mp3',
      query: { 'response-content-disposition': "attachment; filename*=UTF-8''a(1)*!.mp3" },
      headers: { 'x-cos-meta-note': "it's (really) *fine*!" },
    },
  ];

  test.each(cases)('$method $key equals COS.getAuthorization', ({ method, key, query, headers }) => {
    const KeyTime = '1620729273;1620732873';
    const ours = cosAuthorization({
      secretId: SecretId,
      secretKey: SecretKey,
      method,
      key,
      query,
      headers,
      keyTime: KeyTime,
    });
    const sdk = COS.getAuthorization({
      SecretId,
      SecretKey,
      Method: method,
      Key: key,
      Query: query,
      Headers: headers,
      KeyTime,
    });
    expect(ours).toBe(sdk);
  });

  test('equals the SDK for arbitrary keys, methods and windows', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.constantFrom('GET', 'PUT', 'HEAD', 'POST', 'DELETE'),
        fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 86_400 }),
        (key, method, start, validity) => {
          const KeyTime = `${start};${start + validity}`;
          const ours = cosAuthorization({ secretId: SecretId, secretKey: SecretKey, method, key, keyTime: KeyTime });
          return ours === COS.getAuthorization({ SecretId, SecretKey, Method: method, Key: key, KeyTime });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('equals the SDK for arbitrary signed query parameters and headers', () => {
    // Names limited to characters encoding leaves alone: for others the SDK sorts raw names while
    // its own q-url-param-list is sorted encoded, so there is no single SDK answer to compare with.
    // `__proto__` matches the pattern too, and the SDK copies parameters by assignment, which sets a
    // prototype instead of a key: that name has no SDK answer either (seed 2108158506 found it).
    const name = fc.stringMatching(/^[a-z0-9._~-]{1,12}$/).filter((n) => n !== '__proto__');
    const value = fc.string({ unit: 'grapheme', maxLength: 30 });
    fc.assert(
      fc.property(
        fc.dictionary(name, value, { maxKeys: 4 }),
        fc.dictionary(name, value, { maxKeys: 3 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
        (rawQuery, meta, key) => {
          const query = { ...rawQuery }; // fast-check may build null-prototype objects; the SDK calls hasOwnProperty
          const headers = Object.fromEntries(Object.entries(meta).map(([k, v]) => [`x-cos-meta-${k}`, v]));
          const KeyTime = '1700000000;1700003600';
          const ours = cosAuthorization({
            secretId: SecretId,
            secretKey: SecretKey,
            method: 'GET',
            key,
            query,
            headers,
            keyTime: KeyTime,
          });
          return (
            ours ===
            COS.getAuthorization({
              SecretId,
              SecretKey,
              Method: 'GET',
              Key: key,
              Query: query,
              Headers: headers,
              KeyTime,
            })
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('an SDK signature with the default window (StartTime now, Expires) verifies', () => {
    const key = 'res/123_P_USER_1_RES_name_0.0.1';
    // Without KeyTime the SDK signs [now - 1, now - 1 + Expires].
    const auth = COS.getAuthorization({ SecretId, SecretKey, Method: 'PUT', Key: key, Expires: 60 });
    const fields = parseCosAuthorization(auth);
    expect(fields).not.toBeNull();
    const nowSeconds = Math.floor(Date.now() / 1000);
    const verdict = (now: number) =>
      verifyCos({
        auth: fields!,
        secretKeyOf: (id) => (id === SecretId ? SecretKey : undefined),
        method: 'PUT',
        key: '/' + key,
        query: new Map(),
        headers: {},
        nowSeconds: now,
      });
    expect(verdict(nowSeconds)).toBe('ok');
    expect(verdict(nowSeconds + 120)).toBe('expired');
  });

  test('cosEncode encodes what encodeURIComponent leaves alone', () => {
    expect(cosEncode("!'()*")).toBe('%21%27%28%29%2A');
    expect(cosEncode('a/b c')).toBe('a%2Fb%20c');
    expect(cosEncode('-_.~')).toBe('-_.~');
  });

  describe('verifyCos', () => {
    const key = '/res/1_P_USER_2_RES_n_0.0.1';
    const keyTime = '1000;2000';
    const auth = cosAuthorization({ secretId: SecretId, secretKey: SecretKey, method: 'PUT', key, keyTime });
    const base = {
      secretKeyOf: (id: string) => (id === SecretId ? SecretKey : undefined),
      method: 'PUT',
      key,
      query: new Map<string, string>(),
      headers: {},
      nowSeconds: 1500,
    };
    const fields = parseCosAuthorization(auth)!;

    test('accepts its own signature inside the window, on both edges', () => {
      expect(verifyCos({ ...base, auth: fields })).toBe('ok');
      expect(verifyCos({ ...base, auth: fields, nowSeconds: 1000 })).toBe('ok');
      expect(verifyCos({ ...base, auth: fields, nowSeconds: 2000 })).toBe('ok');
    });

    test('outside the window is expired', () => {
      expect(verifyCos({ ...base, auth: fields, nowSeconds: 2001 })).toBe('expired');
      expect(verifyCos({ ...base, auth: fields, nowSeconds: 999 })).toBe('expired');
    });

    test('another method, key, secret or a changed digit is a mismatch', () => {
      expect(verifyCos({ ...base, auth: fields, method: 'GET' })).toBe('mismatch');
      expect(verifyCos({ ...base, auth: fields, key: key + 'x' })).toBe('mismatch');
      expect(verifyCos({ ...base, auth: fields, secretKeyOf: () => 'other' })).toBe('mismatch');
      const last = fields.signature.slice(-1) === '0' ? '1' : '0';
      expect(verifyCos({ ...base, auth: { ...fields, signature: fields.signature.slice(0, -1) + last } })).toBe(
        'mismatch',
      );
      // Widening the window without re-signing must not pass.
      expect(verifyCos({ ...base, auth: { ...fields, signTime: '1000;9000', keyTime: '1000;9000' } })).toBe('mismatch');
    });

    test('unknown SecretId and malformed fields are told apart', () => {
      expect(verifyCos({ ...base, auth: { ...fields, ak: 'AKIDnope' } })).toBe('unknown-key');
      expect(verifyCos({ ...base, auth: { ...fields, signTime: 'soon' } })).toBe('malformed');
      expect(verifyCos({ ...base, auth: { ...fields, algorithm: 'md5' } })).toBe('malformed');
      expect(parseCosAuthorization('q-ak=x&q-signature=y')).toBeNull();
    });

    test('signed query parameters and headers are checked, unlisted ones ignored', () => {
      const signed = cosAuthorization({
        secretId: SecretId,
        secretKey: SecretKey,
        method: 'GET',
        key,
        keyTime,
        query: { 'response-content-type': 'text/plain' },
        headers: { 'content-type': 'text/plain' },
      });
      const f = parseCosAuthorization(signed)!;
      const ok = {
        ...base,
        method: 'GET',
        auth: f,
        query: new Map([
          ['response-content-type', 'text/plain'],
          ['unsigned', 'x'],
        ]),
        headers: { 'content-type': 'text/plain', 'x-other': 'y' },
      };
      expect(verifyCos(ok)).toBe('ok');
      expect(verifyCos({ ...ok, query: new Map([['response-content-type', 'text/html']]) })).toBe('mismatch');
      expect(verifyCos({ ...ok, headers: { 'content-type': 'text/html' } })).toBe('mismatch');
    });
  });
});
