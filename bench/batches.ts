/**
 * Batches: 20 files of 1 MiB through `UploadQueue` (the queue the component drives) on the Node
 * platform against the emulator, at several concurrencies. Wall time from `start()` to the batch's
 * `complete`, and the most requests the platform ever had in flight: WeChat allows 10 at once
 * (request, uploadFile and downloadFile together), so more than that is a bug, flagged loudly.
 */
import * as path from 'path';
import { UploadQueue } from '../components/core';
import type { Emulator } from '../emulator';
import { createNodePlatform } from '../node-platform';
import { Fixtures, MiB } from './fixtures';
import { Figure, median } from './table';

export const WECHAT_MAX_REQUESTS = 10;

interface Run {
  ms: number;
  maxInFlight: number;
}

async function runBatch(emu: Emulator, files: string[], concurrency: number): Promise<Run> {
  // A platform per run, so its `maxInFlight` belongs to this run alone.
  const platform = createNodePlatform();
  const queue = new UploadQueue({
    concurrency,
    uploadOptions: () => ({ platform, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint }),
  });
  const failures: string[] = [];
  queue.on('fail', ({ file, error }) => failures.push(`${file.name}: ${error.code}`));
  const done = new Promise<{ succeeded: number; failed: number }>((resolve) => queue.on('complete', resolve));
  queue.add(files.map((p) => ({ path: p, name: path.basename(p), size: MiB })));
  const t = performance.now();
  queue.start();
  const summary = await done;
  const ms = performance.now() - t;
  queue.destroy();
  if (summary.failed) throw new Error(`batch at concurrency ${concurrency}: ${summary.failed} failed (${failures.join(', ')})`);
  return { ms, maxInFlight: platform.maxInFlight };
}

export interface BatchResult {
  figures: Figure[];
  /** Concurrencies at which more than WeChat's 10 requests were in flight. */
  violations: number[];
}

export async function measureBatches(emu: Emulator, fixtures: Fixtures, concurrencies = [1, 2, 4, 8], count = 20, runs = 3): Promise<BatchResult> {
  const files = Array.from({ length: count }, (_, i) => fixtures.file(`batch-${i + 1}.bin`, MiB));
  const figures: Figure[] = [];
  const violations: number[] = [];
  let serial = 0;
  for (const concurrency of concurrencies) {
    const times: number[] = [];
    let maxInFlight = 0;
    for (let run = 0; run < runs; run++) {
      const r = await runBatch(emu, files, concurrency);
      times.push(r.ms);
      maxInFlight = Math.max(maxInFlight, r.maxInFlight);
      await emu.reset();
    }
    const ms = median(times);
    if (concurrency === 1) serial = ms;
    const over = maxInFlight > WECHAT_MAX_REQUESTS;
    if (over) violations.push(concurrency);
    const label = `${count} × 1 MiB at concurrency ${concurrency}`;
    figures.push({ section: 'batches', name: `${label}: wall time (median of ${runs})`, value: ms, unit: 'ms', note: concurrency === 1 ? 'the pace the others are compared with' : serial ? `${(serial / ms).toFixed(2)}× the speed of concurrency 1` : '' });
    figures.push({
      section: 'batches',
      name: `${label}: most requests in flight`,
      value: maxInFlight,
      unit: '',
      note: over ? `!!! OVER WECHAT'S LIMIT OF ${WECHAT_MAX_REQUESTS} !!!` : `WeChat allows ${WECHAT_MAX_REQUESTS}`,
    });
  }
  return { figures, violations };
}
