/**
 * setData on the view thread: calls and bytes for one upload and for a batch of 9, from attach
 * until the batch settles. The built component (what a host installs) runs in miniprogram-simulate
 * with WeChat's official template compiler and the real vant parts, its `wx.request` and file
 * reads bridged onto real HTTP to the emulator. Each case is mounted afresh several times: a
 * change that lands in another tick becomes another call, so the median is quoted with the range.
 */
import * as path from 'path';
import type * as Simulate from 'miniprogram-simulate';
import type { Emulator } from '../emulator';
import { loadOptions, mountUploader, ROOT } from '../test/support/mount-uploader';
import { LiveWx, pickAndUpload } from '../test/reliability/live-wx';
import { installDom } from './dom';
import { Fixtures } from './fixtures';
import { Figure, median } from './table';

const SIZE = 64 * 1024;

interface Cost {
  calls: number;
  bytes: number;
  largest: number;
}

async function measureOnce(simulate: typeof Simulate, id: string, emu: Emulator, files: string[]): Promise<Cost> {
  const live = new LiveWx();
  try {
    const m = mountUploader(simulate, id, { productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint, maxCount: files.length });
    await pickAndUpload(
      m,
      live,
      files.map((p) => ({ path: p, size: SIZE, name: path.basename(p) })),
    );
    // The last coalesced setData goes out at the end of the tick that settled the batch.
    await new Promise((r) => setTimeout(r, 20));
    const succeeded = m.of('success').length;
    if (succeeded !== files.length) throw new Error(`set-data: ${succeeded} of ${files.length} uploads succeeded`);
    const calls = m.setDataCalls.slice();
    m.detach();
    return { calls: calls.length, bytes: calls.reduce((n, c) => n + c.bytes, 0), largest: Math.max(...calls.map((c) => c.bytes)) };
  } finally {
    live.restore();
  }
}

function range(values: number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? `all ${values.length} runs equal` : `range ${lo}–${hi} over ${values.length} runs`;
}

export async function measureSetData(emu: Emulator, fixtures: Fixtures, runs = 5): Promise<Figure[]> {
  const uninstall = installDom();
  try {
    // Loaded once the DOM exists: simulate touches `window` as it registers components.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const simulate = require('miniprogram-simulate') as typeof Simulate;
    const id = simulate.load(path.join(ROOT, 'miniprogram_dist/resource-uploader/index'), 'resource-uploader', loadOptions(['dist']));
    const figures: Figure[] = [];
    for (const count of [1, 9]) {
      const files = Array.from({ length: count }, (_, i) => fixtures.file(`set-data-${count}-${i + 1}.mp3`, SIZE));
      const costs: Cost[] = [];
      for (let run = 0; run < runs; run++) {
        costs.push(await measureOnce(simulate, id, emu, files));
        await emu.reset();
      }
      const label = count === 1 ? 'one upload' : `batch of ${count} (concurrency 2)`;
      const calls = costs.map((c) => c.calls);
      const bytes = costs.map((c) => c.bytes);
      figures.push({ section: 'setData', name: `${label}: calls (median)`, value: median(calls), unit: '', note: range(calls) });
      figures.push({ section: 'setData', name: `${label}: bytes (median)`, value: median(bytes), unit: 'B', note: `${range(bytes)}; JSON of each patch` });
      figures.push({ section: 'setData', name: `${label}: largest call`, value: Math.max(...costs.map((c) => c.largest)), unit: 'B' });
      if (count > 1) figures.push({ section: 'setData', name: `${label}: calls per file`, value: median(calls) / count, unit: '', note: 'one upload alone costs the row above' });
    }
    return figures;
  } finally {
    uninstall();
  }
}
