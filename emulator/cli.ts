/**
 * `npm run emulator [-- --port 8787 --host 127.0.0.1 --envelope code|response --token T --delivery-delay-ms 300]`
 * Starts the emulator and prints what a client needs to talk to it; Ctrl-C stops it cleanly.
 */
import { argValue, intArg, runCli, stopOnSignals } from './cli-support';
import { startEmulator } from './server';
import { EnvelopeKind } from './envelope';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = intArg(argValue(args, 'port') ?? process.env.PORT, '--port', 0, 65535) ?? 8787;
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

  stopOnSignals('emulator', () => emu.stop());
}

runCli(main);
