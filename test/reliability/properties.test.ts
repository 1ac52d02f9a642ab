/**
 * Property-based tests: arbitrary server answers, URLs, file names and resource names never
 * crash the core, and only ever produce SPEC's codes (or an API code taken from the body).
 */
import fc from 'fast-check';
import { isRetryable, UploadError } from '../../components/core/errors';
import { messageFor } from '../../components/core/messages';
import { contentTypeFor, DEFAULT_CONTENT_TYPE, extensionOf } from '../../components/core/mime';
import { Secrets } from '../../components/core/redact';
import { normalizeEtag, parseCosError } from '../../components/core/storage';
import { parseTokenApiResponse } from '../../components/core/token-api';
import { isAllowedEndpoint, isValidResourceName } from '../../components/core/validate';

const RUNS = 500;
let fuzzed = 0;
afterAll(() => process.stdout.write(`reliability: ${fuzzed} inputs fuzzed\n`));

/** fc.assert that counts the inputs it tried (a passing property runs exactly `numRuns`). */
function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, numRuns: number): void {
  fc.assert(property, { numRuns });
  fuzzed += numRuns;
}

const LOCAL_PARSE_CODES = ['HttpError', 'InvalidResponse'];

/** JSON-ish bodies shaped like the envelopes, with arbitrary holes and types in them. */
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.dictionary(fc.string(), fc.string()));
const envelopeBody = fc.oneof(
  fc.record({ Response: fc.oneof(anyValue, fc.record({ Error: fc.oneof(anyValue, fc.record({ Code: anyValue, Message: anyValue })), RequestId: anyValue, UploadUrl: anyValue }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  fc.record({ code: anyValue, msg: anyValue, data: fc.oneof(anyValue, fc.record({ Error: fc.oneof(anyValue, fc.record({ Code: anyValue, Message: anyValue })), RequestId: anyValue }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  anyValue,
);
const bodyText = fc.oneof(envelopeBody.map((b) => JSON.stringify(b) ?? 'undefined'), fc.string(), fc.constant(''), fc.constant('{"code":0,"data":{'));

test('token-API parsing: any status and body gives ok, a local code, or a code found in the body', () => {
  check(
    fc.property(fc.integer({ min: 100, max: 599 }), bodyText, (status, body) => {
      const parsed = parseTokenApiResponse({ status, headers: {}, body }, 'sent-id');
      if (parsed.ok) {
        expect(status >= 200 && status < 300).toBe(true);
        expect(typeof parsed.data).toBe('object');
        return;
      }
      expect(typeof parsed.code).toBe('string');
      expect(parsed.code.length).toBeGreaterThan(0);
      if (!LOCAL_PARSE_CODES.includes(parsed.code)) expect(body).toContain(JSON.stringify(parsed.code).slice(1, -1).slice(0, 20));
      // Whatever came back, an error can be built and read without throwing.
      const err = UploadError.of(parsed.code, 'en', { status, serverMessage: parsed.serverMessage }, parsed.requestId);
      expect(typeof err.message).toBe('string');
      expect(err.retryable).toBe(isRetryable(parsed.code, status));
    }),
    RUNS * 4,
  );
});

test('COS error parsing: any body gives null or a code, and never throws', () => {
  check(
    fc.property(fc.oneof(fc.string(), fc.string().map((s) => `<Error><Code>${s}</Code><Message>${s}</Message></Error>`)), (body) => {
      const err = parseCosError(body);
      if (err) {
        expect(body).toContain('<Error>');
        expect(err.code).not.toContain('<');
      }
    }),
    RUNS,
  );
  check(fc.property(fc.string(), (etag) => expect(normalizeEtag(etag)).not.toContain('"')), RUNS);
});

test('endpoint check: only https, or http to a loopback host, is ever allowed', () => {
  const host = fc.oneof(fc.domain(), fc.ipV4(), fc.constant('localhost'), fc.constant('[::1]'), fc.string());
  const url = fc.tuple(fc.constantFrom('http', 'https', 'ftp', 'HTTPS', 'ws', ''), host, fc.string()).map(([s, h, rest]) => `${s}://${h}${rest}`);
  check(
    fc.property(fc.oneof(url, fc.string(), fc.webUrl()), (u) => {
      const allowed = isAllowedEndpoint(u);
      if (allowed && !/^https:\/\//i.test(u)) expect(u).toMatch(/^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])([:/?#]|$)/i);
    }),
    RUNS * 2,
  );
});

test('redaction: a signature or token never survives, whatever surrounds it', () => {
  const hex = fc.stringMatching(/^[0-9a-f]{40}$/);
  check(
    fc.property(hex, fc.string(), fc.string(), (sig, before, after) => {
      const url = `https://b.example/res%2Fx?sign=q-sign-algorithm%3Dsha1%26q-signature%3D${sig}`;
      const secrets = new Secrets();
      secrets.addUrl(url);
      for (const text of [before + url + after, before + sig + after, before + decodeURIComponent(url) + after]) {
        expect(secrets.redact(text)).not.toContain(sig);
      }
    }),
    RUNS,
  );
});

test('MIME: any name gets a type, never application/json, and own-table entries only', () => {
  check(
    fc.property(fc.oneof(fc.string(), fc.string().map((s) => 'a.' + s), fc.constantFrom('x.__proto__', 'x.constructor', 'x.toString', 'x.JSON', 'x.hasOwnProperty')), (name) => {
      const type = contentTypeFor(name);
      expect(typeof type).toBe('string');
      expect(type).toMatch(/^[a-z]+\/[a-zA-Z0-9.+-]+$/);
      expect(type).not.toBe('application/json');
      expect(extensionOf(name)).toBe(extensionOf(name).toLowerCase());
      if (extensionOf(name) === '') expect(type).toBe(DEFAULT_CONTENT_TYPE);
    }),
    RUNS,
  );
});

test('resource names: valid exactly when every character is in [A-Za-z0-9_.-]', () => {
  check(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'abcXYZ019_.-'.split('')) }), fc.string({ unit: 'binary' })), (name) => {
      const allowed = name.length > 0 && [...name].every((c) => /[A-Za-z0-9_.-]/.test(c));
      expect(isValidResourceName(name)).toBe(allowed);
    }),
    RUNS,
  );
});

test('messages: any code in either locale gives a non-empty sentence', () => {
  check(
    fc.property(fc.oneof(fc.string(), fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty')), fc.constantFrom('zh-CN' as const, 'en' as const), fc.string(), (code, locale, serverMessage) => {
      const text = messageFor(code, locale, { serverMessage, status: 500 });
      expect(typeof text).toBe('string');
      expect(text.length).toBeGreaterThan(0);
    }),
    RUNS,
  );
});
