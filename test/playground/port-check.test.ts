/**
 * `npm start` (`cli.ts --build`) checks its port before building: a taken port stops it at once,
 * naming the port and how to pick another, with a non-zero exit and no build.
 */
import { spawnSync } from 'child_process';
import { createServer, Server } from 'net';
import * as path from 'path';
import { portProblem } from '../../playground/server/port-check';

const ROOT = path.resolve(__dirname, '../..');
let taken: Server;
let port: number;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

test('a taken port is told apart from a free one; port 0 needs no check', async () => {
  expect(await portProblem(port, '127.0.0.1')).toBe('EADDRINUSE');
  expect(await portProblem(0, '127.0.0.1')).toBeNull();
  const free = createServer();
  await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
  const freePort = (free.address() as { port: number }).port;
  await new Promise<void>((resolve) => free.close(() => resolve()));
  expect(await portProblem(freePort, '127.0.0.1')).toBeNull();
});

test('npm start on a taken port exits non-zero before building, naming the port, --port N and --port 0', () => {
  const run = spawnSync(process.execPath, ['-r', 'esbuild-register', path.join(ROOT, 'playground/server/cli.ts'), '--build', '--port', String(port)], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  expect(run.stderr).toContain(`--port ${port + 1}`);
  expect(run.stderr).toContain('--port 0');
  // gulp never started: the check came first.
  expect(run.stdout).not.toMatch(/Starting 'build'/);
}, 40000);
