/**
 * `npm run bench`: every figure measured in one run, printed as a table and written as JSON
 * (bench/results.json). Figures, not pass/fail: hold later changes against them. The one
 * exception is WeChat's hard limit of 10 requests in flight: crossing it fails the run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator } from '../emulator';
import { measureBatches, WECHAT_MAX_REQUESTS } from './batches';
import { Fixtures } from './fixtures';
import { measureInterruptions } from './interruptions';
import { measureMemory } from './memory';
import { measureSetData } from './set-data';
import { measureSpeed } from './speed';
import { Figure, renderTable } from './table';
import { measureWeight } from './weight';

async function main(): Promise<void> {
  const started = Date.now();
  const figures: Figure[] = [];
  const fixtures = new Fixtures();
  const emu = await startEmulator({ port: 0 });
  let violations: number[] = [];
  try {
    const step = async (name: string, fn: () => Figure[] | Promise<Figure[]>) => {
      process.stderr.write(`bench: ${name}…\n`);
      figures.push(...(await fn()));
    };
    await step('package weight (miniprogram-ci analyseCode on the demo)', measureWeight);
    await step('memory', () => measureMemory(emu, fixtures));
    await step('speed', () => measureSpeed(emu, fixtures));
    await step('setData (miniprogram-simulate)', () => measureSetData(emu, fixtures));
    await step('interruptions (background, offline)', () => measureInterruptions(emu, fixtures));
    await step('batches', async () => {
      const result = await measureBatches(emu, fixtures);
      violations = result.violations;
      return result.figures;
    });
  } finally {
    await emu.stop();
    fixtures.remove();
  }
  const table = renderTable(figures);
  console.log(table);
  const result = { date: new Date().toISOString(), node: process.version, seconds: (Date.now() - started) / 1000, figures };
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`\n${figures.length} figures in ${result.seconds.toFixed(0)} s; written to bench/results.json`);
  if (violations.length) {
    const banner = '!'.repeat(78);
    console.error(`\n${banner}\nMORE THAN ${WECHAT_MAX_REQUESTS} REQUESTS IN FLIGHT at concurrency ${violations.join(', ')}: WeChat would fail them.\n${banner}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
