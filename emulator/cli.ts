/**
 * `npm run emulator [-- --port 8787 --host 127.0.0.1 --envelope code|response --token T --delivery-delay-ms 300]`
 * Starts the emulator and prints what a client needs to talk to it; Ctrl-C stops it cleanly.
 */
import { startEmulator } from './server';
import { EnvelopeKind } from './envelope';

function argValue(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
}

function intArg(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = intArg(argValue(args, 'port') ?? process.env.PORT, 'port') ?? 8787;
  const emu = await startEmulator({
    port,
    host: argValue(args, 'host') ?? '127.0.0.1',
    envelope: argValue(args, 'envelope') as EnvelopeKind | undefined,
    token: argValue(args, 'token') ?? process.env.EMULATOR_TOKEN,
    deliveryDelayMs: intArg(argValue(args, 'delivery-delay-ms'), 'delivery-delay-ms'),
    log: (line) => console.log(`[emulator] ${line}`),
  });
  console.log(`IoT Explorer emulator listening on ${emu.origin}`);
  console.log(`  endpoint:   ${emu.endpoint}`);
  // Printed once so a developer can paste it into a client; requests are never logged with it.
  console.log(`  token:      ${emu.token}`);
  console.log(`  product id: ${emu.productId}`);
  console.log(`  devices:    ${emu.devices.online} (online), ${emu.devices.offline} (offline)`);
  console.log(`  admin:      ${emu.origin}/__emulator/state`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[emulator] ${signal}: stopping`);
    emu.stop().then(
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
