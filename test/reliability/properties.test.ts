/**
 * Property-based tests: arbitrary server answers, URLs, file names and resource names never
 * crash the core, and only ever produce SPEC's codes (or an API code taken from the body).
 */
import fc from 'fast-check';
import { contentTypeFor, DEFAULT_CONTENT_TYPE, extensionOf, isAllowedEndpoint, isAllowedEndpointUrl, isAllowedUploadUrl, isLoopback, isRetryable, isValidResourceName, messageFor, normalizeEtag, parseCosError, parseTokenApiResponse, parseUrl, Secrets, UploadError } from '../../components/core';
import { findSecretWindow } from '../support/observe';
import { ENDPOINT_ATTACKS } from '../support/url-attacks';

/** Issue 10: at least 10,000 inputs per parser (URLs, both envelopes, COS XML, MIME, names). */
const RUNS = 10000;
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
const okData = fc.record({ RequestId: anyValue, UploadUrl: anyValue, ResourceName: anyValue }, { requiredKeys: [] });
const errorPart = fc.record({ Error: fc.oneof(anyValue, fc.record({ Code: anyValue, Message: anyValue }, { requiredKeys: [] })), RequestId: anyValue }, { requiredKeys: [] });
const responseBodyText = fc.record({ Response: fc.oneof(okData, errorPart, anyValue) }).map((b) => JSON.stringify(b));
const codeBodyText = fc
  .record({ code: fc.oneof(fc.constant(0), fc.constant('0'), fc.integer(), fc.string()), msg: anyValue, data: fc.oneof(okData, errorPart, anyValue), RequestId: anyValue }, { requiredKeys: ['code'] })
  .map((b) => JSON.stringify(b));

test.each([
  ['the Response envelope', responseBodyText],
  ['the {code,msg,data} envelope', codeBodyText],
  ['any text', bodyText],
])('token-API parsing of %s: any status and body gives ok, a local code, or a code found in the body', (_n, bodies) => {
  check(
    fc.property(fc.integer({ min: 100, max: 599 }), bodies, (status, body) => {
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
      const err = UploadError.of(parsed.code, { status, serverMessage: parsed.serverMessage }, parsed.requestId);
      expect(typeof messageFor(err.code, 'en', err.detail)).toBe('string');
      expect(err.retryable).toBe(isRetryable(parsed.code, status));
    }),
    RUNS,
  );
});

test('COS error parsing: any body gives null or a code, and never throws', () => {
  check(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.string().map((s) => `<Error><Code>${s}</Code><Message>${s}</Message></Error>`),
        fc.tuple(fc.string(), fc.string(), fc.string()).map(([c, m, r]) => `<?xml version='1.0'?>\n<Error>\n<Code>${c}</Code>\n<Message>${m}</Message>\n<RequestId>${r}</RequestId>\n</Error>`),
      ),
      (body) => {
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

/** URL-shaped strings built from the pieces attacks are made of. */
const urlPiece = fc.constantFrom('@', '\\', '/', '?', '#', ':', '[', ']', '%', '%2F', '%5C', '%40', ' ', '\t', '\r', '\n', '\u0000', '.', '..', '::1', '127.0.0.1', 'localhost', 'evil.example', '8080', 'user:pass', '\u00a0', '\u3002');
const urlish = fc
  .tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'http:/', 'http:\\\\', '//', 'ftp://', ''), fc.array(fc.oneof(urlPiece, fc.domain(), fc.ipV4(), fc.string({ maxLength: 6 })), { maxLength: 8 }))
  .map(([scheme, parts]) => scheme + parts.join(''));
const anyUrl = fc.oneof(urlish, fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), fc.constantFrom(...ENDPOINT_ATTACKS));

test('URL parser: what it accepts, every WHATWG parser reads the same way (host, port, no user info)', () => {
  check(
    fc.property(anyUrl, (u) => {
      const parsed = parseUrl(u);
      if (!parsed) return;
      expect(u).toMatch(/^[\x21-\x7e]+$/);
      expect(u).not.toContain('\\');
      // Differential check against Node's WHATWG parser (tests only; the shipped code has no URL global).
      const whatwg = new URL(u);
      expect(whatwg.username + whatwg.password).toBe('');
      expect(whatwg.protocol).toBe(parsed.scheme + ':');
      expect(whatwg.hostname.replace(/^\[|\]$/g, '')).toBe(parsed.ipv6 ? new URL(`http://[${parsed.host}]`).hostname.replace(/^\[|\]$/g, '') : parsed.host.replace(/\.$/, '') === parsed.host ? parsed.host : whatwg.hostname);
      const defaultPort = parsed.scheme === 'https' ? '443' : '80';
      expect(whatwg.port).toBe(parsed.port === defaultPort ? '' : parsed.port.replace(/^0+(?=\d)/, ''));
    }),
    RUNS,
  );
});

test('endpoint check: only https, or http to a literal loopback host, is ever allowed; the attacks never', () => {
  const host = fc.oneof(fc.domain(), fc.ipV4(), fc.constant('localhost'), fc.constant('[::1]'), fc.string());
  const url = fc.tuple(fc.constantFrom('http', 'https', 'ftp', 'HTTPS', 'ws', ''), host, fc.string()).map(([s, h, rest]) => `${s}://${h}${rest}`);
  const attack = fc
    .tuple(fc.constantFrom('evil.example', 'evil.example:8080', '10.0.0.1', 'a.b'), fc.constantFrom('\\@', '\\\\@', '@', ':x@', '\\:@'), fc.constantFrom('127.0.0.1', 'localhost', '[::1]', '127.1.2.3'), fc.constantFrom('', ':38123'))
    .map(([evil, sep, loop, port]) => `http://${evil}${sep}${loop}${port}/api`);
  check(
    fc.property(fc.oneof(url, fc.string(), fc.webUrl(), anyUrl), (u) => {
      const allowed = isAllowedEndpoint(u);
      expect(isAllowedEndpointUrl(u)).toBe(allowed);
      if (allowed && !/^https:\/\//i.test(u)) expect(u).toMatch(/^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])([:/?#]|$)/i);
      if (allowed) expect(/[\s\\@]/.test(u.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0])).toBe(false);
      if (!allowed) expect(isAllowedUploadUrl(u, 'http://127.0.0.1:1/api')).toBe(false);
    }),
    RUNS,
  );
  check(fc.property(attack, (u) => expect(isAllowedEndpoint(u)).toBe(false)), RUNS);
});

test('UploadUrl check: plain http only to loopback and only from a loopback endpoint', () => {
  const endpoints = fc.constantFrom('https://iot.cloud.tencent.com/api', 'http://127.0.0.1:9/api', 'http://[::1]/api', 'http://localhost/api');
  check(
    fc.property(anyUrl, endpoints, (u, ep) => {
      if (!isAllowedUploadUrl(u, ep)) return;
      const parsed = parseUrl(u)!;
      if (parsed.scheme === 'http') {
        expect(isLoopback(parsed)).toBe(true);
        expect(isLoopback(parseUrl(ep)!)).toBe(true);
      }
    }),
    RUNS,
  );
});

test('redaction: no 16-character window of a secret survives, however it is echoed', () => {
  const secret = fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), fc.stringMatching(/^[A-Za-z0-9+/]{27}=$/), fc.string({ minLength: 16, maxLength: 48, unit: fc.constantFrom(...'abcXYZ019-_.~+/= %&'.split('')) }));
  const echo = fc.constantFrom<Array<(s: string) => string>>(
    (s) => s,
    (s) => s.toUpperCase(),
    (s) => s.toLowerCase(),
    (s) => encodeURIComponent(s),
    (s) => encodeURIComponent(s).toLowerCase(),
    (s) => s.replace(/\+/g, ' '),
    (s) => s.slice(0, 16),
    (s) => s.slice(-17),
    (s) => s.slice(3, 24),
  );
  check(
    fc.property(secret, echo, fc.string(), fc.string(), fc.boolean(), (sig, transform, before, after, asToken) => {
      const secrets = new Secrets();
      if (asToken) secrets.add(sig);
      else secrets.addUrl('https://b.example/k?x=%E0%A4%A&Signature=' + encodeURIComponent(sig) + '&sign=q-signature%3D' + encodeURIComponent(sig));
      const text = before + transform(sig) + after;
      expect(findSecretWindow(secrets.redact(text), [sig])).toBeNull();
    }),
    RUNS,
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
