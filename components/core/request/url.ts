/**
 * The one URL parser of the package, for the endpoint and for `UploadUrl`. The mini-program engine
 * has no `URL` global, and a loose pattern once read `http://evil.example\@127.0.0.1/` as user
 * `evil.example\` on a loopback host while the network layer dialled `evil.example`. So this parser
 * is strict: printable ASCII only (no whitespace, control characters or backslash), no user info,
 * http(s) only, and a host that every network stack reads the same way.
 */
export interface ParsedUrl {
  scheme: 'http' | 'https';
  /** Lower-case; an IPv6 literal without its brackets. */
  host: string;
  /** True for `[…]` hosts. */
  ipv6: boolean;
  /** The port as written, '' when none. */
  port: string;
  /** Path as written ('' when none), never re-encoded. */
  path: string;
  /** Query without the '?', as written ('' when none). */
  query: string;
}

/** DNS-style labels (letters, digits, inner hyphens) or a dotted IPv4: nothing a resolver could read otherwise. */
function isHostName(host: string): boolean {
  const labels = host.replace(/\.$/, '').split('.');
  if (host.length > 253 || !labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return false;
  // A numeric last label makes network stacks read an IPv4 address ("127.1", "0x7f.1", "2130706433"):
  // only the plain dotted quad is accepted, so what is checked is what is dialled.
  if (/^(0x[0-9a-f]*|[0-9]+)$/.test(labels[labels.length - 1])) {
    return labels.length === 4 && labels.every((l) => /^(0|[1-9][0-9]{0,2})$/.test(l) && Number(l) <= 255);
  }
  return true;
}

/** The parts of an absolute http(s) URL, or null when it is anything else or ambiguous. */
export function parseUrl(text: unknown): ParsedUrl | null {
  if (typeof text !== 'string' || text.length > 8192 || !/^[\x21-\x7e]+$/.test(text) || text.indexOf('\\') !== -1) return null;
  // A fragment never goes on the wire; it is dropped, and cannot hide in the authority.
  const m = /^(https?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(text);
  // The authority: an IPv6 literal in brackets or a name, then an optional port; no user info ('@').
  const a = m && /^(?:\[([0-9a-f.]*:[0-9a-f:.]*)\]|([^:@]*))(?::([0-9]{1,5}))?$/i.exec(m[2]);
  if (!m || !a) return null;
  const ipv6 = a[1] !== undefined;
  const host = (ipv6 ? a[1] : a[2]).toLowerCase();
  const port = a[3] || '';
  if ((!ipv6 && !isHostName(host)) || (port && (Number(port) < 1 || Number(port) > 65535))) return null;
  return { scheme: m[1].toLowerCase() as 'http' | 'https', host, ipv6, port, path: m[3], query: m[4] || '' };
}

/** SPEC: loopback is `localhost`, `127.x.x.x` and `[::1]`, written literally. */
export function isLoopback(url: ParsedUrl): boolean {
  if (url.ipv6) return url.host === '::1';
  // parseUrl let a numeric host through only as a plain dotted quad, each number at most 255.
  return url.host === 'localhost' || /^127(\.[0-9]+){3}$/.test(url.host);
}

/** `https://host[:port]`: what a host adds to WeChat's request domain list. */
export function originOf(url: ParsedUrl): string {
  const host = url.ipv6 ? '[' + url.host + ']' : url.host;
  return url.scheme + '://' + host + (url.port ? ':' + url.port : '');
}

/** The endpoint: https, or http on a literal loopback host. */
export function isAllowedEndpointUrl(text: unknown): boolean {
  const url = parseUrl(text);
  return !!url && (url.scheme === 'https' || isLoopback(url));
}

/** UploadUrl: https, or http on a loopback host while the endpoint itself is loopback (the emulator). */
export function isAllowedUploadUrl(text: unknown, endpoint: string): boolean {
  const url = parseUrl(text);
  const ep = parseUrl(endpoint);
  return !!url && (url.scheme === 'https' || (isLoopback(url) && !!ep && isLoopback(ep)));
}
