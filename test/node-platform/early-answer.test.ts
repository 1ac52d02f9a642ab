/**
 * A server may answer a PUT before its body is in (COS refusing an expired URL, a 413): the Node
 * platform then stops sending, instead of pushing the rest of a large file nobody will read.
 */
import * as http from 'http';
import { createNodePlatform } from '../../node-platform';
import { listenOnLoopback } from '../support/loopback';

const BODY_BYTES = 48 * 1024 * 1024;
/** What may still arrive after the answer: socket and kernel buffers, far below the body. */
const MAX_AFTER_ANSWER = 12 * 1024 * 1024;
const REFUSAL = "<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";

interface Counted {
  /** Body bytes received before the answer went out, and in all. */
  beforeAnswer: number;
  total: number;
}

/**
 * Answers 403 once `answerAfter` body bytes are in, then keeps reading (and counting) what still
 * comes, until the client closes the connection or `lingerMs` passes.
 */
async function earlyRefuser(answerAfter: number, lingerMs = 5000) {
  const connections: Array<Promise<Counted>> = [];
  const server = http.createServer((req, res) => {
    let total = 0;
    let beforeAnswer = -1;
    connections.push(
      new Promise<Counted>((resolve) => {
        const done = () => resolve({ beforeAnswer, total });
        const timer = setTimeout(() => {
          req.socket.destroy();
          done();
        }, lingerMs);
        req.socket.once('close', () => {
          clearTimeout(timer);
          done();
        });
      }),
    );
    const answer = () => {
      if (beforeAnswer >= 0) return;
      beforeAnswer = total;
      res.writeHead(403, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(REFUSAL) });
      res.end(REFUSAL);
    };
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total >= answerAfter) answer();
    });
    req.on('end', answer);
    if (answerAfter === 0) answer();
  });
  const { origin, close } = await listenOnLoopback(server);
  return { origin, connections, close };
}

describe('Node platform: an answer that comes before the body is sent', () => {
  const platform = createNodePlatform();
  const body = new Uint8Array(BODY_BYTES).fill(7).buffer;

  for (const answerAfter of [64 * 1024, 0]) {
    test(`answered after ${answerAfter} bytes: resolves with the answer and stops sending`, async () => {
      const srv = await earlyRefuser(answerAfter);
      try {
        const started = Date.now();
        const res = await platform.request({
          url: srv.origin + '/res%2Fbig?sign=x',
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream' },
          body,
          timeoutMs: 10_000,
        }).response;
        expect(res.status).toBe(403);
        expect(res.body).toBe(REFUSAL);
        const [counted] = await Promise.all(srv.connections);
        expect(counted.beforeAnswer).toBeGreaterThanOrEqual(answerAfter);
        expect(counted.total - counted.beforeAnswer).toBeLessThan(MAX_AFTER_ANSWER);
        expect(counted.total).toBeLessThan(BODY_BYTES);
        // The connection was closed by the client, not by the server's linger timer.
        expect(Date.now() - started).toBeLessThan(4000);
        expect(platform.inFlight).toBe(0);
      } finally {
        await srv.close();
      }
    });
  }

  test('the next request to the same server goes through on a fresh connection', async () => {
    // The second connection stays open for reuse: the server's linger ends it.
    const srv = await earlyRefuser(64 * 1024, 300);
    try {
      const refused = await platform.request({ url: srv.origin + '/a', method: 'PUT', headers: {}, body, timeoutMs: 10_000 })
        .response;
      expect(refused.status).toBe(403);
      const small = await platform.request({ url: srv.origin + '/b', method: 'PUT', headers: {}, body: 'tiny', timeoutMs: 5000 })
        .response;
      expect(small.status).toBe(403); // answered at the end of its (whole) body
      const counted = await Promise.all(srv.connections);
      expect(counted).toHaveLength(2);
      expect(counted[1]).toEqual({ beforeAnswer: 4, total: 4 });
    } finally {
      await srv.close();
    }
  });
});
