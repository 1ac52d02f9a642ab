/** Memory per upload: read calls, full-size buffers, and peak memory for a 50 MiB file on Node. */
import { execFile } from 'child_process';
import { promisify } from 'util';
import * as path from 'path';
import type { Emulator } from '../emulator';
import { Fixtures, MiB } from './fixtures';
import type { Figure } from './table';

interface Probe {
  fileSize: number;
  readFiles: number;
  fullSizeBuffers: number;
  peakRss: number;
  peakHeapUsed: number;
  peakArrayBuffers: number;
}

export async function measureMemory(emu: Emulator, fixtures: Fixtures, sizeMiB = 50): Promise<Figure[]> {
  const file = fixtures.file(`memory-${sizeMiB}.bin`, sizeMiB * MiB);
  // Asynchronous on purpose: the emulator answering the child lives in this process's event loop.
  const { stdout: out } = await promisify(execFile)(process.execPath, ['--expose-gc', '-r', 'esbuild-register', path.join(__dirname, 'memory-probe.ts')], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, BENCH_ENDPOINT: emu.endpoint, BENCH_TOKEN: emu.token, BENCH_PRODUCT: emu.productId, BENCH_FILE: file },
    encoding: 'utf8',
  });
  const p: Probe = JSON.parse(out.trim().split('\n').pop()!);
  const mib = (n: number) => n / MiB;
  return [
    { section: 'memory', name: 'readFile calls per upload', value: p.readFiles, unit: '' },
    { section: 'memory', name: 'full-size buffers handed out per upload', value: p.fullSizeBuffers, unit: '' },
    { section: 'memory', name: `${sizeMiB} MiB upload: peak ArrayBuffer memory / file size`, value: p.peakArrayBuffers / p.fileSize, unit: 'x', note: '≈ full-size copies alive at once; 1.00× is one' },
    { section: 'memory', name: `${sizeMiB} MiB upload: peak ArrayBuffer memory`, value: mib(p.peakArrayBuffers), unit: 'MiB' },
    { section: 'memory', name: `${sizeMiB} MiB upload: peak JS heap growth`, value: mib(p.peakHeapUsed), unit: 'MiB' },
    { section: 'memory', name: `${sizeMiB} MiB upload: peak RSS growth`, value: mib(p.peakRss), unit: 'MiB', note: 'whole Node process' },
  ];
}
