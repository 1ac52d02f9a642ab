/** Small HTTP helpers shared by the routes: CORS, bodies, raw URL parts. */
import { IncomingMessage, ServerResponse } from 'http';

const EXPOSED_HEADERS = 'ETag, x-cos-request-id';
const DEFAULT_ALLOWED_HEADERS = 'content-type, authorization, x-cos-security-token';

/** Every answer carries CORS headers so a page on another origin can drive the emulator. */
export function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS');
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('access-control-allow-headers', requested ? String(requested) : DEFAULT_ALLOWED_HEADERS);
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  res.setHeader('access-control-max-age', '600');
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.destroyed || res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** Reads a small body (JSON requests) whole; larger than `limit` rejects. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

/** Path and query exactly as sent, never re-encoded: the signature covers the decoded path. */
export function splitUrl(rawUrl: string): { path: string; query: string } {
  const hash = rawUrl.indexOf('#');
  const url = hash < 0 ? rawUrl : rawUrl.slice(0, hash);
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/**
 * Decodes a query string with decodeURIComponent (a `+` stays a `+`, as in RFC 3986 URLs).
 * Throws URIError on a malformed escape.
 */
export function parseQuery(query: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!query) return out;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** Resolves true after `ms`, or false as soon as the client (or stop()) closes the connection. */
export function waitUnlessGone(req: IncomingMessage, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = req.socket;
    if (socket.destroyed) return resolve(false);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      socket.off('close', onClose);
      resolve(true);
    }, ms);
    socket.once('close', onClose);
  });
}
