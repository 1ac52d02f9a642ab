/**
 * The app-wide memory budget under the load a phone dreads: 3 uploaders × 9 files of 100 MiB at
 * concurrency 9. Without the budget every started file would hold its buffer (2,700 MiB); with it
 * the package holds at most `memoryBudget` bytes (128 MiB by default), or one file when a single
 * file is larger. The peak is what the budget granted at once; the time is set against the same
 * batch at concurrency 1, to show what waiting for memory costs.
 */
import * as path from 'path';
import { DEFAULT_MEMORY_BUDGET, memoryBudget, UploadQueue } from '../components/core';
import type { Emulator } from '../emulator';
import { createNodePlatform } from '../node-platform';
import { Fixtures, MiB } from './fixtures';
import type { Figure } from './table';

const UPLOADERS = 3;
const FILES = 9;
const SIZE = 100 * MiB;

async function runBatch(emu: Emulator, files: string[], concurrency: number): Promise<{ ms: number; peak: number }> {
  const platform = createNodePlatform();
  memoryBudget.resetPeak();
  const queues = Array.from({ length: UPLOADERS }, () => new UploadQueue({ concurrency, uploadOptions: () => ({ platform, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint }) }));
  const failures: string[] = [];
  const done = queues.map(
    (queue) =>
      new Promise<void>((resolve) => {
        queue.on('fail', ({ file, error }) => failures.push(`${file.name}: ${error.code}`));
        queue.on('complete', () => resolve());
        queue.add(files.map((p) => ({ path: p, name: path.basename(p), size: SIZE })));
      }),
  );
  const t = performance.now();
  for (const queue of queues) queue.start();
  await Promise.all(done);
  const ms = performance.now() - t;
  for (const queue of queues) queue.destroy();
  if (failures.length) throw new Error(`memory budget batch at concurrency ${concurrency}: ${failures.join(', ')}`);
  return { ms, peak: memoryBudget.peak };
}

export async function measureMemoryBudget(emu: Emulator, fixtures: Fixtures): Promise<Figure[]> {
  // The three uploaders pick the same nine files, as three pages offering the same voice pack would.
  const files = Array.from({ length: FILES }, (_, i) => fixtures.file(`budget-${i + 1}.bin`, SIZE));
  const label = `${UPLOADERS} uploaders × ${FILES} files of 100 MiB`;
  const wide = await runBatch(emu, files, 9);
  await emu.reset();
  const serial = await runBatch(emu, files, 1);
  await emu.reset();
  const bound = DEFAULT_MEMORY_BUDGET + SIZE;
  return [
    {
      section: 'memory budget',
      name: `${label} at concurrency 9: peak file bytes held`,
      value: wide.peak / MiB,
      unit: 'MiB',
      note: `${wide.peak <= bound ? 'within' : '!!! OVER'} 128 MiB budget + one file (${bound / MiB} MiB); unbounded would be ${(UPLOADERS * FILES * SIZE) / MiB} MiB`,
    },
    { section: 'memory budget', name: `${label} at concurrency 9: wall time`, value: wide.ms, unit: 'ms', note: 'one run' },
    { section: 'memory budget', name: `${label} at concurrency 1: wall time`, value: serial.ms, unit: 'ms', note: `one run; peak held ${serial.peak / MiB} MiB` },
    { section: 'memory budget', name: `${label}: concurrency 9 time / concurrency 1 time`, value: wide.ms / serial.ms, unit: 'x', note: 'two 100 MiB files do not fit in 128 MiB, so files hold memory one at a time either way; other steps still overlap' },
  ];
}
