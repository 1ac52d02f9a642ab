/**
 * `startEmulator()`: the project's IoT Explorer + COS emulator on 127.0.0.1, reduced to what a
 * host's test needs: where to point `endpoint`, the token and product it accepts, what it stored.
 */
import { startEmulator as startFullEmulator } from '../emulator';
import type { TestEmulator, TestEmulatorOptions } from './types';

export async function startEmulator(options: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startFullEmulator({
    host: '127.0.0.1',
    port: options.port ?? 0,
    token: options.accessToken,
    productId: options.productId,
    // A host test waits on uploads, not on a pretend device.
    deliveryDelayMs: 0,
  });
  return {
    endpoint: emulator.endpoint,
    accessToken: emulator.token,
    productId: emulator.productId,
    objects: async () => emulator.objects().map(({ key, size, md5 }) => ({ key, size, md5 })),
    close: () => emulator.stop(),
  };
}
