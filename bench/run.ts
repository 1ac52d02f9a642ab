/**
 * `npm run bench`: every figure measured in one run, printed as a table and written as JSON
 * (bench/results.json). Figures, not pass/fail: hold later changes against them. The one
 * exception is WeChat's hard limit of 10 requests in flight: crossing it fails the run.
 *
 * A new measurement is one more entry in SECTIONS: a name and a function from the shared
 * context (one emulator, one fixtures folder) to figures; `table` adds a table of its own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator } from '../emulator';
import { measureBatches, WECHAT_MAX_REQUESTS } from './batches';
import type { BenchContext } from './context';
import { Fixtures } from './fixtures';
import { measureInterruptions } from './interruptions';
import { measureMemory } from './memory';
import { measureMemoryBudget } from './memory-budget';
import { measurePeers, renderPeersTable } from './peers';
import { measureSetData } from './set-data';
import { Figure, renderTable } from './table';
import { measureWaitingHolds } from './waiting-holds';
import { measureWeight } from './weight';

export type { BenchContext };

export interface Section {
  name: string;
  run(ctx: BenchContext): Figure[] | Promise<Figure[]>;
  /** An extra table printed after the main one, from all figures of the run. */
  table?(figures: Figure[]): string;
}

export const SECTIONS: Section[] = [
  { name: 'package weight (miniprogram-ci analyseCode on the demo)', run: () => measureWeight() },
  // Timed first, before the sections that write gigabytes for the emulator to store: the
  // kernel's writeback of those would otherwise fall inside the peers' timings.
  { name: 'peers: bare PUT, core, cos-wx-sdk-v5, IoT Explorer demo', run: measurePeers, table: renderPeersTable },
  { name: 'memory', run: ({ emu, fixtures }) => measureMemory(emu, fixtures) },
  { name: 'memory budget: 3 uploaders × 9 files of 100 MiB', run: ({ emu, fixtures }) => measureMemoryBudget(emu, fixtures) },
  { name: 'setData (miniprogram-simulate)', run: ({ emu, fixtures }) => measureSetData(emu, fixtures) },
  { name: 'interruptions (background, offline)', run: ({ emu, fixtures }) => measureInterruptions(emu, fixtures) },
  { name: 'waiting holds nothing (a file paused in the background)', run: ({ emu, fixtures }) => measureWaitingHolds(emu, fixtures) },
  {
    name: 'batches',
    async run({ emu, fixtures, problems }) {
      const { figures, violations } = await measureBatches(emu, fixtures);
      if (violations.length) problems.push(`MORE THAN ${WECHAT_MAX_REQUESTS} REQUESTS IN FLIGHT at concurrency ${violations.join(', ')}: WeChat would fail them.`);
      return figures;
    },
  },
];

async function main(): Promise<void> {
  const started = Date.now();
  const figures: Figure[] = [];
  const fixtures = new Fixtures();
  const emu = await startEmulator({ port: 0 });
  const ctx: BenchContext = { emu, fixtures, problems: [] };
  try {
    for (const section of SECTIONS) {
      const t = Date.now();
      process.stderr.write(`bench: ${section.name}…\n`);
      figures.push(...(await section.run(ctx)));
      process.stderr.write(`bench: ${section.name}: ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
    }
  } finally {
    await emu.stop();
    fixtures.remove();
  }
  console.log(renderTable(figures));
  for (const section of SECTIONS) if (section.table) console.log(`\n${section.name}\n\n${section.table(figures)}`);
  const result = { date: new Date().toISOString(), node: process.version, seconds: (Date.now() - started) / 1000, figures };
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`\n${figures.length} figures in ${result.seconds.toFixed(0)} s; written to bench/results.json`);
  if (ctx.problems.length) {
    const banner = '!'.repeat(78);
    console.error(`\n${banner}\n${ctx.problems.join('\n')}\n${banner}`);
    process.exitCode = 1;
  }
}

// Sections import BenchContext from here: run only when started as the script.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
