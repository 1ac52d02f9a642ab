/**
 * `npm run playground [-- --port 8787 --host 127.0.0.1]` (`npm start` builds first): the emulator
 * and the playground on one port, until Ctrl-C. The access token is never printed.
 */
import { argValue, intArg, runCli, stopOnSignals } from '../../emulator/cli-support';
import { startPlayground } from './start';
import { demoToken } from './demo-config';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const playground = await startPlayground({
    port: intArg(argValue(args, 'port') ?? process.env.PORT, '--port', 0, 65535) ?? 8787,
    host: argValue(args, 'host') ?? '127.0.0.1',
    emulator: {
      // The demo's own token, so WeChat DevTools pointed at the demo works against this emulator too.
      token: process.env.EMULATOR_TOKEN ?? demoToken(),
      log: (line) => console.log(`[emulator] ${line}`),
    },
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
