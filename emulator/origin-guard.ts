/**
 * The emulator listens on loopback, where any web page the developer opens can reach it. These
 * checks keep such a page out:
 * - `Host` must name this server (a loopback name, or the address it was bound to) with its own
 *   port: a page whose DNS name was rebound to 127.0.0.1 sends its own name and is refused, so it
 *   cannot use the demo token, read the state or download objects.
 * - The token API and the admin routes want their own page: no foreign `Origin`, no
 *   `Sec-Fetch-Site` other than `same-origin`/`none`. A browser cannot read their answers
 *   cross-origin anyway (no CORS), but it can *send*: a page elsewhere could spend the demo token
 *   (issue URLs, register, deliver) blind. Node and WeChat send neither header and pass.
 * - Admin routes also want a JSON body on POST (a form or a `text/plain` fetch, which a browser
 *   sends cross-site without asking first, is refused before it changes anything).
 * No answer carries CORS headers, so no other origin can read one.
 */
import { IncomingMessage } from 'http';
import { isIP } from 'net';

export interface Refusal {
  status: number;
  error: string;
}

/** `host[:port]` → lower-case host (brackets kept for IPv6) and port; null when unparsable. */
function parseHostPort(value: string): { host: string; port: number | null } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@\\]+)(?::(\d{1,5}))?$/i.exec(value);
  if (!m) return null;
  return { host: m[1].toLowerCase(), port: m[2] === undefined ? null : Number(m[2]) };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '[::1]') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function isWildcard(bindHost: string): boolean {
  return bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '[::]';
}

export class OriginGuard {
  constructor(
    /** The address the server was bound to (`127.0.0.1`, `::1`, `0.0.0.0`…). */
    private readonly bindHost: string,
    private readonly port: () => number,
  ) {}

  /** Whether `host:port` (a Host header or an Origin's authority) names this server. */
  private isOwnAuthority(authority: string, defaultPort: number): boolean {
    const parsed = parseHostPort(authority);
    if (!parsed || (parsed.port ?? defaultPort) !== this.port()) return false;
    const { host } = parsed;
    if (isLoopback(host)) return true;
    const bind = this.bindHost.includes(':') && !this.bindHost.startsWith('[') ? `[${this.bindHost}]` : this.bindHost;
    if (host === bind.toLowerCase()) return true;
    // Bound to every interface: any literal address reaches it, and a literal address cannot be rebound.
    return isWildcard(this.bindHost) && isIP(host.replace(/^\[|\]$/g, '')) !== 0;
  }

  /** Every request: the Host header must name this server. */
  checkHost(req: IncomingMessage): Refusal | null {
    const host = req.headers.host;
    if (typeof host === 'string' && this.isOwnAuthority(host, 80)) return null;
    return { status: 421, error: 'this emulator answers requests for its own loopback address only' };
  }

  /**
   * Whether a browser says the request comes from a page other than the emulator's own: a foreign
   * (or `null`) `Origin`, or `Sec-Fetch-Site` `cross-site`/`same-site` (another port is another page).
   */
  private fromForeignPage(req: IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    const m = /^http:\/\/([^/]+)$/i.exec(origin);
    return !m || !this.isOwnAuthority(m[1], 80);
  }

  /** The token API: its own page and non-browser clients only. */
  checkTokenApi(req: IncomingMessage): Refusal | null {
    return this.fromForeignPage(req) ? { status: 403, error: 'the token API answers its own page only' } : null;
  }

  /** Admin routes: only the emulator's own page (or a non-browser client) may read or steer it. */
  checkAdmin(req: IncomingMessage): Refusal | null {
    if (this.fromForeignPage(req)) return { status: 403, error: 'admin routes answer their own page only' };
    if (req.method === 'POST') {
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json') return { status: 415, error: 'admin routes take a JSON body (content-type: application/json)' };
    }
    return null;
  }
}
