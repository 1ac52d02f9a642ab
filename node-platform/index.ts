/**
 * The core's Platform on Node: `http`/`https` for requests, `fs` for files, `crypto` for MD5 and
 * random bytes. Used by tests and benchmarks against the emulator (or a real endpoint).
 */
import { randomFillSync, createHash } from 'crypto';
import { promises as fsp } from 'fs';
import * as http from 'http';
import * as https from 'https';
import { clampTimer, FileInfo, originOf, parseUrl, Platform, PlatformRequest, PlatformRequestTask, PlatformResponse, TransportError } from '../components/core';
import { PhoneOptions, SimulatedPhone } from './phone';

export { SimulatedPhone } from './phone';
export { fullCollection, trackReads } from './held-buffers';
export type { ReadTracking } from './held-buffers';

/** What `onRequest` observers see. The URL is cut before `?`: a presigned `sign` never leaves. */
export interface RequestEvent {
  phase: 'start' | 'end';
  method: string;
  /** Origin and path only. */
  url: string;
  /** Requests of this platform in flight after this event. */
  inFlight: number;
  /** On `end`: the HTTP status, or the TransportError kind when there was no answer. */
  outcome?: number | TransportError['kind'];
}

export interface NodePlatformOptions {
  /** Observer for counting requests in flight (benchmarks, concurrency tests). */
  onRequest?(event: RequestEvent): void;
  /** Agents to use instead of Node's global ones. */
  httpAgent?: http.Agent;
  httpsAgent?: https.Agent;
  /** The simulated phone's life cycle (background grace); see phone.ts. */
  phone?: PhoneOptions;
}

export interface NodePlatform extends Platform {
  /** Requests started and not yet settled. */
  readonly inFlight: number;
  /** The highest `inFlight` seen so far. */
  readonly maxInFlight: number;
  /** Drives app hide/show and the network from a test: `phone.hide()`, `phone.goOffline()`, … */
  readonly phone: SimulatedPhone;
}

/** `scheme://authority` and the raw rest (path + query, fragment dropped), without re-encoding anything. */
export function splitRawUrl(url: string): { base: string; pathAndQuery: string } {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)([^#]*)/.exec(url);
  if (!m) throw new TypeError('not an absolute URL');
  const rest = m[2];
  return { base: m[1], pathAndQuery: rest === '' ? '/' : rest.startsWith('?') ? '/' + rest : rest };
}

function headerRecord(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Whole file, one allocation of exactly its size: no pool slab, no second copy. */
async function readFileExact(path: string): Promise<ArrayBuffer> {
  const handle = await fsp.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = new ArrayBuffer(size);
    const view = new Uint8Array(buffer);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(view, filled, Math.min(size - filled, 1 << 30), filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // The file shrank while we read: hand back only what is there (rare, so the copy is fine).
    return filled === size ? buffer : buffer.slice(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * Size and MD5 through one reused 1 MiB buffer: the file is never whole in memory, and no chunk
 * is left for the garbage collector, so JS memory stays as flat as WeChat's native hash keeps it.
 * (1 MiB pieces: hashing a 90 MiB file in 64 KiB pieces costs a third more time.)
 */
async function fileInfoStreaming(path: string): Promise<FileInfo> {
  const handle = await fsp.open(path, 'r');
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`not a regular file: ${path}`);
    const hash = createHash('md5');
    const chunk = Buffer.allocUnsafeSlow(1 << 20);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, size);
      if (bytesRead === 0) break;
      hash.update(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { size, md5: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

/** Body pieces: small enough that an early answer stops the upload within one piece. */
const BODY_PIECE_BYTES = 256 * 1024;

/**
 * Writes the body piece by piece, waiting for `drain`, and ends the request once all is written.
 * Writing it in one `end(body)` would hand the whole file to the socket at once, and an answer that
 * comes early (COS refusing an expired URL, a 413) could no longer stop it. Stops writing (and never
 * ends the request) once `stopped()` turns true or the request is destroyed.
 */
function sendBody(request: http.ClientRequest, body: Buffer | undefined, stopped: () => boolean): void {
  if (!body || body.length <= BODY_PIECE_BYTES) {
    request.end(body);
    return;
  }
  let offset = 0;
  const pump = () => {
    while (offset < body.length) {
      if (stopped() || request.destroyed) return;
      const piece = body.subarray(offset, Math.min(offset + BODY_PIECE_BYTES, body.length));
      offset += piece.length;
      if (!request.write(piece)) {
        request.once('drain', pump);
        return;
      }
    }
    request.end();
  };
  pump();
}

export function createNodePlatform(options: NodePlatformOptions = {}): NodePlatform {
  let inFlight = 0;
  let maxInFlight = 0;

  const request = (req: PlatformRequest): PlatformRequestTask => {
    // The core's own strict parser: the host dialled is exactly the host the core checked.
    const target = parseUrl(req.url);
    if (!target) {
      // The contract: a task rejects with TransportError only, never throws.
      const failed = Promise.reject(new TransportError('network', 'unsupported or malformed URL'));
      return { response: failed, abort: () => undefined };
    }
    const pathAndQuery = (target.path || '/') + (target.query ? '?' + target.query : '');
    const secure = target.scheme === 'https';
    const body =
      req.body === undefined
        ? undefined
        : typeof req.body === 'string'
          ? Buffer.from(req.body, 'utf8')
          : Buffer.from(req.body);
    const headers: Record<string, string | number> = { ...req.headers };
    if (body) headers['content-length'] = body.length;
    const observed = originOf(target) + (target.path || '/');

    let settled = false;
    /** The answer's headers are in: send no more of the body. */
    let answered = false;
    let clientRequest: http.ClientRequest | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let rejectTask: (err: TransportError) => void = () => undefined;

    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    options.onRequest?.({ phase: 'start', method: req.method, url: observed, inFlight });
    const done = (outcome: RequestEvent['outcome']) => {
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      inFlight -= 1;
      options.onRequest?.({ phase: 'end', method: req.method, url: observed, inFlight, outcome });
    };
    const failWith = (kind: TransportError['kind'], detail: string) => {
      if (settled) return;
      done(kind);
      clientRequest?.destroy();
      rejectTask(new TransportError(kind, detail));
    };

    const response = new Promise<PlatformResponse>((resolve, reject) => {
      rejectTask = reject;
      const transport = secure ? https : http;
      clientRequest = transport.request({
        protocol: secure ? 'https:' : 'http:',
        hostname: target.host,
        port: target.port || undefined,
        method: req.method,
        // Sent exactly as given: re-serialising would turn %2F into / and break the COS signature.
        path: pathAndQuery,
        headers,
        agent: secure ? options.httpsAgent : options.httpAgent,
      });
      clientRequest.on('error', (err) => failWith('network', err.message));
      clientRequest.on('response', (res) => {
        answered = true;
        // Answered before the body was all sent: the rest would be pushed for nobody, and the
        // connection cannot be reused with half a body in it, so it closes once the answer is read.
        const cutShort = !clientRequest?.writableEnded;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => failWith('network', err.message));
        res.on('aborted', () => failWith('network', 'response aborted'));
        res.on('close', () => failWith('network', 'connection closed before the response ended'));
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) return failWith('network', 'response incomplete');
          const status = res.statusCode ?? 0;
          done(status);
          resolve({ status, headers: headerRecord(res.headers), body: Buffer.concat(chunks).toString('utf8') });
          if (cutShort) clientRequest?.destroy();
        });
      });
      // Node fires a timer above 2^31-1 ms at once: such a timeout counts as 2^31-1 (SPEC 0.2).
      timer = setTimeout(() => failWith('timeout', `no answer within ${req.timeoutMs} ms`), clampTimer(req.timeoutMs));
      sendBody(clientRequest, body, () => answered || settled);
    });

    return { response, abort: () => failWith('aborted', 'aborted') };
  };

  const phone = new SimulatedPhone(options.phone);
  return {
    request: phone.gate(request),
    lifecycle: phone.lifecycle,
    phone,
    readFile: readFileExact,
    fileInfo: fileInfoStreaming,
    fileSize: async (path) => (await fsp.stat(path)).size,
    // Read the globals at call time, so jest's fake timers (installed later) still apply.
    setTimeout: (fn, ms) => setTimeout(fn, clampTimer(ms)),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    randomBytes: (n) => randomFillSync(new Uint8Array(n)),
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}
