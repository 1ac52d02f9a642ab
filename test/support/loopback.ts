/** A test's own HTTP server on 127.0.0.1 (any free port), and a close that does not wait for keep-alive sockets. */
import type * as http from 'http';
import type { AddressInfo } from 'net';

export async function listenOnLoopback(server: http.Server): Promise<{ origin: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { origin, close };
}
