/**
 * What a file waiting in the background holds (SPEC 0.3 "Waiting holds nothing"): one upload
 * through the queue (the component's path) on the Node platform's simulated phone, sent to the
 * background mid-PUT; once WeChat's grace (scaled down) has cut the PUT and the file is paused,
 * the buffers the platform's readFile handed out are counted alive after a full collection, and
 * the app-wide memory budget's `held` is read. Both are expected to be 0.
 */
import { memoryBudget, requestSlots, UploadQueue } from '../components/core';
import type { Emulator } from '../emulator';
import { createNodePlatform, trackReads } from '../node-platform';
import { Fixtures, MiB } from './fixtures';
import type { Figure } from './table';

const GRACE_MS = 50;

async function until(predicate: () => boolean, what: string, ms = 30000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error('bench: timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function measureWaitingHolds(emu: Emulator, fixtures: Fixtures, sizeMiB = 20): Promise<Figure[]> {
  const size = sizeMiB * MiB;
  const file = fixtures.file(`waiting-${sizeMiB}.bin`, size);
  const phonePlatform = createNodePlatform({ phone: { backgroundGraceMs: GRACE_MS } });
  const reads = trackReads(phonePlatform);
  const queue = new UploadQueue({
    uploadOptions: () => ({ platform: reads.platform, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint }),
    lifecycle: phonePlatform.lifecycle,
  });
  const done = new Promise<void>((resolve, reject) => {
    queue.on('success', () => resolve());
    queue.on('fail', ({ error }) => reject(error));
  });
  // Storage holds the PUT long enough for the hide to find it in flight.
  emu.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 3000 });
  const [f] = queue.add([{ path: file, name: 'waiting.bin', size }], true);
  try {
    await until(() => emu.faults.pending().length === 0, 'the PUT held by storage');
    phonePlatform.phone.hide();
    await until(() => f.state === 'paused' && phonePlatform.phone.inFlight === 0, 'the PUT cut, the file paused');
    await until(() => memoryBudget.held === 0 && requestSlots.inUse === 0, 'the wait settled', 2000).catch(() => undefined);
    const liveBytes = await reads.liveBytes();
    const budgetHeld = memoryBudget.held;
    const slots = requestSlots.inUse;
    phonePlatform.phone.show();
    await done;
    const section = 'waiting holds nothing';
    const how = `${sizeMiB} MiB file cut mid-PUT by the background, paused; buffers from readFile alive after a full GC`;
    return [
      { section, name: 'a file waiting in the background holds N bytes of file content', value: liveBytes, unit: 'B', note: how + ' (expected 0)' },
      { section, name: 'its share of the memory budget while it waits', value: budgetHeld, unit: 'B', note: 'memoryBudget.held (expected 0)' },
      { section, name: 'request slots it holds while it waits', value: slots, unit: '', note: 'requestSlots.inUse (expected 0)' },
    ];
  } finally {
    phonePlatform.phone.show();
    queue.destroy();
    await emu.reset();
  }
}
