/**
 * `npm run playground [-- --port 8787 --host 127.0.0.1]` (`npm start` builds first): the emulator
 * and the playground on one port, until Ctrl-C. The access token is never printed.
 */
import { startPlayground } from './start';
import { demoToken } from './demo-config';

function argValue(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
}

function portArg(raw: string | undefined): number {
  if (raw === undefined) return 8787;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be an integer from 0 to 65535, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const playground = await startPlayground({
    port: portArg(argValue(args, 'port') ?? process.env.PORT),
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

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[playground] ${signal}: stopping`);
    playground.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
