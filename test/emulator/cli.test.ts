import { ChildProcess, spawn } from 'child_process';
import { promises as fsp, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { platform } from './helpers';

const root = path.resolve(__dirname, '../..');
/** The command of `npm run emulator`, taken from package.json so the test follows it. */
const [command, ...scriptArgs] = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { emulator: string } }
).scripts.emulator.split(/\s+/);

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[], env: Record<string, string>): Started {
  const child = spawn(command, [...scriptArgs, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exit };
}

async function waitForOutput(s: Started, pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = s.output().match(pattern);
    if (m) return m;
    if (Date.now() > until || s.child.exitCode !== null) throw new Error(`no ${pattern} in output:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const cases: Array<{ how: string; args: string[]; env: Record<string, string>; signal: NodeJS.Signals }> = [
  { how: 'PORT env and SIGINT', args: [], env: { PORT: '0' }, signal: 'SIGINT' },
  { how: '--port and SIGTERM', args: ['--port', '0'], env: {}, signal: 'SIGTERM' },
];

describe.each(cases)('npm run emulator ($how)', ({ args, env, signal }) => {
  test('prints endpoint, token and product id, serves them, and exits 0 leaving no temp dir', async () => {
    const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'emu-cli-'));
    const started = run(args, { ...env, TMPDIR: tmp });
    try {
      const endpoint = (
        await waitForOutput(started, /endpoint:\s+(http:\/\/127\.0\.0\.1:\d+\/api\/exploreropen\/tokenapi)/)
      )[1];
      const token = (await waitForOutput(started, /token:\s+(\S+)/))[1];
      const productId = (await waitForOutput(started, /product id:\s+(\S+)/))[1];
      expect(started.output()).toContain(`${productId}/dev-online`);
      expect(await fsp.readdir(tmp)).toHaveLength(1); // the emulator's data dir

      const res = await platform.request({
        url: endpoint,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          AccessToken: token,
          RequestId: 'cli-1',
          Action: 'AppGetResourceUploadURL',
          ProductId: productId,
          UserResourceName: 'x',
          FileSize: 1,
          ResourceVer: '1',
        }),
        timeoutMs: 5000,
      }).response;
      expect(JSON.parse(res.body)).toMatchObject({ code: 0, data: { RequestId: 'cli-1' } });
      // The request log names the action but never repeats the token or the signature.
      await waitForOutput(started, /AppGetResourceUploadURL -> 200/);
      const afterStartup = started.output().slice(started.output().indexOf('admin:'));
      expect(afterStartup).not.toContain(token);
      expect(afterStartup).not.toContain('q-signature');

      started.child.kill(signal);
      expect(await started.exit).toEqual({ code: 0, signal: null });
      expect(await fsp.readdir(tmp)).toEqual([]);
      await expect(
        platform.request({ url: endpoint, method: 'POST', headers: {}, body: '{}', timeoutMs: 2000 }).response,
      ).rejects.toMatchObject({ kind: 'network' });
    } finally {
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
      await fsp.rm(tmp, { recursive: true, force: true });
    }
  });
});
