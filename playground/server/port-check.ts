/**
 * Whether the playground's port is free, asked before `npm start` spends its seconds on a build:
 * a taken port then stops it at once with the port named and the way to pick another.
 */
import { createServer } from 'net';

/** The advice shown when the port cannot be had. Worded here, at the command's edge. */
export function portTakenMessage(port: number, host: string, code: string): string {
  const why = code === 'EADDRINUSE' ? 'is already in use (another `npm start`, or another server)' : `cannot be opened (${code})`;
  return [
    `Port ${port} on ${host} ${why}.`,
    `Pick another: npm start -- --port ${port === 65535 ? 8788 : port + 1}, or npm start -- --port 0 for any free port.`,
  ].join('\n');
}

/** Resolves to the listen error's code (`EADDRINUSE`, `EACCES`…), or null when the port is free. */
export function portProblem(port: number, host: string): Promise<string | null> {
  // Port 0 asks the system for any free port: nothing to check.
  if (port === 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code || 'EUNKNOWN'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(null)));
  });
}
