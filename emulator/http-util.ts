/** Small HTTP helpers shared by the routes: answers, bodies, raw URL parts. */
import { IncomingMessage, ServerResponse } from 'http';

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

/**
 * Reads a small body (JSON requests) whole. Larger than `limit` rejects with BodyTooLargeError once
 * the rest has been read and dropped (so the client, still sending, sees the answer and not a reset);
 * past `drainLimit` it rejects at once and the caller answers with `closeAfterAnswer`.
 */
export function readBody(req: IncomingMessage, limit: number, drainLimit = 16 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return; // dropped: the answer is on its way
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > drainLimit) settle(() => reject(new BodyTooLargeError(`body over ${limit} bytes`)));
    });
    req.on('end', () =>
      settle(() => (size > limit ? reject(new BodyTooLargeError(`body over ${limit} bytes`)) : resolve(Buffer.concat(chunks)))),
    );
    req.on('error', (err) => settle(() => reject(err)));
    req.on('close', () => settle(() => reject(new Error('request aborted'))));
  });
}

/** How long a connection stays open, dropping what still arrives, after an answer sent before the body ended. */
const LINGER_MS = 2000;

/**
 * For an answer sent before the request body was read whole. Node would close the socket as soon as
 * the answer is flushed; with bytes still arriving that close is a TCP reset, which can wipe the
 * answer from the client's buffer before it reads it. So: `Connection: close`, keep reading and
 * dropping the rest, half-close after the answer, and close for good after LINGER_MS at most.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete || req.socket.destroyed) return;
  if (!res.headersSent) res.setHeader('connection', 'close');
  const socket = req.socket;
  // Replaces, on this one socket, the destroySoon() Node calls once a `Connection: close` answer is sent.
  socket.destroySoon = () => {
    if (socket.writable) socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
  };
  req.resume();
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
