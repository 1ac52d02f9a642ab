/** Endpoints that must never pass (issue 10's exact strings first): shared by unit, HTTP and fuzz tests. */
export const PORT = 38123;

export const ENDPOINT_ATTACKS = [
  `http://evil.example\\@127.0.0.1:${PORT}/api`,
  `http://evil.example:${PORT}\\@localhost/api`,
  `http://evil.example\\@[::1]:${PORT}/api`,
  `http://127.0.0.1:${PORT}/api\r\nHost: evil.example`,
  `http://127.0.0.1:${PORT}/a\npi`,
  `http://user:pass@127.0.0.1:${PORT}/api`,
  `http://evil.example@127.0.0.1/api`,
  `http://127.0.0.1@evil.example/api`,
  `http://127.0.0.1 .evil.example/api`,
  `http://127.0.0.1\t/api`,
  `http://127.0.0.1.evil.example/api`,
  `http://localhost.evil.example/api`,
  `http://[::1].evil.example/api`,
  `http://[::2]/api`,
  `http://evil.example/api`,
  `http://127.0.0.1%2F@evil.example/`,
  `http://127.0.0.1:0/api`,
  `http://127.0.0.1:99999/api`,
  `http://127.0.0.1:/api`,
  `http://127.0.0.1:8080:9090/api`,
  `http://256.0.0.1/api`,
  `http://127.1/api`,
  `http://2130706433/api`,
  `http://0x7f.0.0.1/api`,
  `ftp://127.0.0.1/api`,
  `//127.0.0.1/api`,
  `https:/example.com/api`,
  `https://exa mple.com/api`,
  `https://examplé.com/api`,
  `https://example.com/\u0000`,
  `https://example.com/\u00a0`,
  `https://-bad.example/`,
  '',
];

/** Every character as `%XX`, the hex digits alternating upper and lower case: a byte-by-byte encoded echo. */
export function percentAll(text: string): string {
  return Array.from(text)
    .map((c, i) => {
      const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
      return '%' + (i % 2 ? hex.toUpperCase() : hex);
    })
    .join('');
}
