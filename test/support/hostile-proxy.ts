/**
 * A hostile token API over real HTTP: a 127.0.0.1 server in front of the emulator that forwards
 * every token-API call and lets a test rewrite the answer (an UploadUrl holding the token, a
 * RequestId echoing the signature, an MD5 in the URL's query). The PUT still goes to the
 * emulator's bucket, so a URL left intact stores the file for real.
 */
import * as http from 'http';
import { listenOnLoopback } from './loopback';

/** The JSON answer the emulator gave (either envelope), to change in place or replace. */
export type Rewrite = (answer: Record<string, unknown>, request: Record<string, unknown>) => Record<string, unknown> | void;

export interface HostileProxy {
  /** Token API URL to give the package. */
  endpoint: string;
  /** The rewrite of the next answers; none: answers pass unchanged. */
  rewrite: Rewrite | null;
  close(): Promise<void>;
}

/** The output fields of an answer, in either envelope (`{code, data}` or `{Response}`). */
export function outputOf(answer: Record<string, unknown>): Record<string, unknown> {
  const inner = (answer.Response || answer.data) as Record<string, unknown> | undefined;
  if (!inner || typeof inner !== 'object') throw new Error('not a token-API answer: ' + JSON.stringify(answer).slice(0, 200));
  return inner;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: URL, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const out = http.request(
      target,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length }, timeout: 10000 },
      (res) => {
        readBody(res).then((b) => resolve({ status: res.statusCode || 0, body: b.toString('utf8') }), reject);
      },
    );
    out.on('timeout', () => out.destroy(new Error('emulator did not answer')));
    out.on('error', reject);
    out.end(body);
  });
}

export async function startHostileProxy(emulatorEndpoint: string): Promise<HostileProxy> {
  const target = new URL(emulatorEndpoint);
  const proxy: HostileProxy = { endpoint: '', rewrite: null, close: async () => undefined };
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    readBody(req)
      .then(async (body) => {
        const answer = await forward(target, body);
        let text = answer.body;
        if (proxy.rewrite) {
          const json = JSON.parse(text) as Record<string, unknown>;
          text = JSON.stringify(proxy.rewrite(json, JSON.parse(body.toString('utf8'))) || json);
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
      })
      .catch((err: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(err.message));
  });
  const { origin, close } = await listenOnLoopback(server);
  proxy.endpoint = origin + target.pathname;
  proxy.close = close;
  return proxy;
}
