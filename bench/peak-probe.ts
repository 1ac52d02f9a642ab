/**
 * Run in a child process (`--expose-gc`) by peers.ts: one upload by one contender through the
 * Node `wx`, sampling `process.memoryUsage().arrayBuffers` every millisecond and at every step.
 *   node --expose-gc -r esbuild-register bench/peak-probe.ts '<contender name>'
 * Input: env BENCH_ENDPOINT, BENCH_TOKEN, BENCH_PRODUCT, BENCH_FILE. Output: one JSON line.
 */
import * as fs from 'fs';
import { contenderNamed } from './contenders';
import { installNodeWx } from './node-wx';

async function main(): Promise<void> {
  const contender = contenderNamed(process.argv[2]);
  const file = process.env.BENCH_FILE!;
  const fileSize = fs.statSync(file).size;
  const target = { endpoint: process.env.BENCH_ENDPOINT!, token: process.env.BENCH_TOKEN!, productId: process.env.BENCH_PRODUCT! };
  const wxNode = installNodeWx();
  (global as unknown as { gc: () => void }).gc();
  const start = process.memoryUsage().arrayBuffers;
  let peak = start;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  };
  const timer = setInterval(sample, 1);
  // The bare PUT's bytes are read in `prepare`: that copy counts as much as anyone's.
  const prepared = await contender.prepare(target, file, fileSize);
  sample();
  await contender.upload(target, file, fileSize, prepared);
  sample();
  clearInterval(timer);
  wxNode.restore();
  process.stdout.write(JSON.stringify({ fileSize, peakArrayBuffers: peak - start, requests: wxNode.requests }) + '\n');
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(String(err && err.stack) + '\n');
    process.exit(1);
  },
);
