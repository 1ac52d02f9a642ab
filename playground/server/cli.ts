/**
 * `npm run playground [-- --port 8787 --host 127.0.0.1]`: the emulator and the playground on one
 * port, until Ctrl-C. `npm start` adds `--build`: the port is checked first, then the package is
 * built, then served, so a taken port says so at once instead of after the build. The access
 * token is never printed.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { argValue, intArg, runCli, stopOnSignals } from '../../emulator/cli-support';
import { portProblem, portTakenMessage } from './port-check';
import { startPlayground } from './start';
import { demoToken } from './demo-config';

const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = intArg(argValue(args, 'port') ?? process.env.PORT, '--port', 0, 65535) ?? 8787;
  const host = argValue(args, 'host') ?? '127.0.0.1';
  const problem = await portProblem(port, host);
  if (problem) throw new Error(portTakenMessage(port, host, problem));
  if (args.includes('--build')) execFileSync(process.execPath, [path.join(ROOT, 'node_modules/gulp/bin/gulp.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  const playground = await startPlayground({
    port,
    host,
    emulator: {
      // The demo's own token, so WeChat DevTools pointed at the demo works against this emulator too.
      token: process.env.EMULATOR_TOKEN ?? demoToken(),
      log: (line) => console.log(`[emulator] ${line}`),
    },
  }).catch((err: NodeJS.ErrnoException) => {
    // Taken during the build: the same advice.
    throw err && (err.code === 'EADDRINUSE' || err.code === 'EACCES') ? new Error(portTakenMessage(port, host, err.code)) : err;
  });
  const emu = playground.emulator;
  console.log(`Playground: ${playground.url}`);
  console.log(`  emulator endpoint: ${emu.endpoint}`);
  console.log(`  product id: ${emu.productId}; devices: ${emu.devices.online} (online), ${emu.devices.offline} (offline)`);
  console.log(`  admin: ${emu.origin}/__emulator/state`);
  console.log('Ctrl-C to stop.');

  stopOnSignals('playground', () => playground.stop());
}

runCli(main);
