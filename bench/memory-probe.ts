/**
 * Run in a child process (`--expose-gc`) so nothing else shares the heap: uploads one file through
 * the Node platform and reports peak memory above the starting point, sampled every millisecond.
 * Input: env BENCH_ENDPOINT, BENCH_TOKEN, BENCH_PRODUCT, BENCH_FILE. Output: one JSON line.
 */
import { uploadResource } from '../components/core';
import { createNodePlatform } from '../node-platform';

async function main(): Promise<void> {
  const base = createNodePlatform();
  let readFiles = 0;
  let fullSizeBuffers = 0;
  let fileSize = 0;
  const platform = {
    ...base,
    fileInfo: async (p: string) => {
      const info = await base.fileInfo(p);
      fileSize = info.size;
      return info;
    },
    readFile: async (p: string) => {
      readFiles++;
      const bytes = await base.readFile(p);
      if (bytes.byteLength >= fileSize) fullSizeBuffers++;
      return bytes;
    },
  };
  (global as unknown as { gc: () => void }).gc();
  const start = process.memoryUsage();
  const peak = { ...start };
  const sample = () => {
    const m = process.memoryUsage();
    for (const k of ['rss', 'heapUsed', 'arrayBuffers', 'external'] as const) peak[k] = Math.max(peak[k], m[k]);
  };
  const timer = setInterval(sample, 1);
  await uploadResource({ platform, filePath: process.env.BENCH_FILE!, productId: process.env.BENCH_PRODUCT!, accessToken: process.env.BENCH_TOKEN!, endpoint: process.env.BENCH_ENDPOINT!, onProgress: sample });
  sample();
  clearInterval(timer);
  process.stdout.write(
    JSON.stringify({
      fileSize,
      readFiles,
      fullSizeBuffers,
      peakRss: peak.rss - start.rss,
      peakHeapUsed: peak.heapUsed - start.heapUsed,
      peakArrayBuffers: peak.arrayBuffers - start.arrayBuffers,
    }) + '\n',
  );
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack) + '\n');
  process.exit(1);
});
