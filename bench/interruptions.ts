/**
 * What an interruption costs: one upload through the queue (the component's path), on the Node
 * platform's simulated phone, uninterrupted and then sent to the background or taken offline
 * halfway through its PUT for a fixed time away. Reported: the time beyond "uninterrupted + time
 * away", i.e. what the interruption itself costs (the part of the PUT that has to be sent again,
 * the wake-up). Storage reads at a fixed rate (the emulator's slow PUT, 40 MiB/s) so the PUT
 * lasts long enough to be cut; WeChat's 5 s background grace is scaled down to 50 ms.
 */
import { UploadQueue } from '../components/core';
import type { Emulator } from '../emulator';
import { createNodePlatform, NodePlatform } from '../node-platform';
import { Fixtures, MiB } from './fixtures';
import { Figure, median } from './table';

const GRACE_MS = 50;
const LINK_BYTES_PER_SECOND = 40 * MiB;
const AWAY_MS = 500;

type Kind = 'none' | 'background' | 'offline';

async function uploadOnce(emu: Emulator, platform: NodePlatform, file: string, size: number, kind: Kind, interruptAfterMs: number): Promise<{ total: number; put: number }> {
  const queue = new UploadQueue({
    uploadOptions: () => ({ platform, productId: emu.productId, accessToken: emu.token, endpoint: emu.endpoint }),
    lifecycle: platform.lifecycle,
  });
  // The redone PUT of an interrupted run meets the same link.
  emu.faults.inject({ target: 'bucket', kind: 'slowPut', bytesPerSecond: LINK_BYTES_PER_SECOND, count: kind === 'none' ? 1 : 2 });
  const started = Date.now();
  let putStarted = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve, reject) => {
    queue.on('success', () => resolve());
    queue.on('fail', ({ error }) => reject(error));
  });
  queue.on('progress', ({ phase }) => {
    if (phase !== 'uploading' || putStarted) return;
    putStarted = Date.now();
    if (kind === 'none') return;
    timer = setTimeout(() => {
      if (kind === 'background') platform.phone.hide();
      else platform.phone.goOffline();
      timer = setTimeout(() => {
        platform.phone.show();
        platform.phone.goOnline();
      }, AWAY_MS);
    }, interruptAfterMs);
  });
  queue.add([{ path: file, name: 'interrupted.bin', size }], true);
  await done;
  const ended = Date.now();
  if (timer !== undefined) clearTimeout(timer);
  platform.phone.show();
  platform.phone.goOnline();
  queue.destroy();
  await emu.reset();
  return { total: ended - started, put: ended - putStarted };
}

export async function measureInterruptions(emu: Emulator, fixtures: Fixtures, sizeMiB = 20, runs = 3): Promise<Figure[]> {
  const size = sizeMiB * MiB;
  const file = fixtures.file(`interruptions-${sizeMiB}.bin`, size);
  const platform = createNodePlatform({ phone: { backgroundGraceMs: GRACE_MS } });
  const section = 'interruptions';
  const base: number[] = [];
  const puts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await uploadOnce(emu, platform, file, size, 'none', 0);
    base.push(r.total);
    puts.push(r.put);
  }
  const baseline = median(base);
  // Halfway through a typical PUT (but never before the grace has a chance to cut it).
  const halfway = Math.max(1, Math.round(median(puts) / 2));
  const figures: Figure[] = [{ section, name: `${sizeMiB} MiB upload, uninterrupted`, value: baseline, unit: 'ms', note: `median of ${runs}, through the queue` }];
  for (const kind of ['background', 'offline'] as const) {
    const totals: number[] = [];
    for (let i = 0; i < runs; i++) totals.push((await uploadOnce(emu, platform, file, size, kind, halfway)).total);
    const total = median(totals);
    const note =
      kind === 'background'
        ? `hidden ${AWAY_MS} ms at mid-PUT (grace scaled to ${GRACE_MS} ms): extra = total − uninterrupted − time away`
        : `offline ${AWAY_MS} ms at mid-PUT: extra = total − uninterrupted − time away`;
    figures.push({ section, name: `${kind}: extra time`, value: Math.max(0, total - baseline - AWAY_MS), unit: 'ms', note });
  }
  if (platform.phone.listenerCount !== 0) throw new Error('life-cycle listeners left after the interruption bench');
  return figures;
}
