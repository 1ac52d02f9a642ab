/**
 * This package beside its peers, in one run against one emulator, all through the same Node `wx`:
 * time against a bare PUT (and the core against the limit it can reach, MD5 pass + bare PUT),
 * peak ArrayBuffer memory, requests per upload, and what each makes of four faults.
 */
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import type { Emulator, FaultSpec } from '../emulator';
import { barePut, CONTENDERS, Contender, core, coreNamed, Target, TIMED_ONLY } from './contenders';
import { MiB } from './fixtures';
import { installNodeWx, NodeWx } from './node-wx';
import type { BenchContext } from './context';
import { Figure, median } from './table';

export const SIZES_MIB = [1, 20, 90];
const RUNS = 5;
/** Peak memory is measured once per contender, in a child process, on this size. */
const PEAK_MIB = 90;
const FAULT_MIB = 1;

export const FAULTS: Array<{ name: string; spec: FaultSpec }> = [
  { name: 'expired URL', spec: { target: 'AppGetResourceUploadURL', kind: 'expiredUrl' } },
  { name: 'one 503', spec: { target: 'bucket', kind: 'http5xx', status: 503 } },
  { name: 'one dropped connection', spec: { target: 'bucket', kind: 'drop' } },
  { name: 'invalid token', spec: { target: 'AppGetResourceUploadURL', kind: 'invalidToken' } },
];

export type Outcome = 'stored' | 'clear error' | 'silently wrong';

const MD5_PASS = 'MD5 pass';
const READ_PASS = 'read pass';
type Pass = typeof MD5_PASS | typeof READ_PASS;

function targetOf(emu: Emulator): Target {
  return { endpoint: emu.endpoint, token: emu.token, productId: emu.productId };
}

/** The hash the core asks for (getFileInfo with md5), or the read it needs (readFile), alone. */
function pass(which: Pass, file: string): Promise<void> {
  const fsm = wx.getFileSystemManager();
  return new Promise((resolve, reject) => {
    const fail = (e: { errMsg: string }) => reject(new Error(e.errMsg));
    if (which === MD5_PASS) fsm.getFileInfo({ filePath: file, digestAlgorithm: 'md5', success: () => resolve(), fail } as WechatMiniprogram.GetFileInfoOption);
    else fsm.readFile({ filePath: file, success: () => resolve(), fail });
  });
}

async function timeOnce(emu: Emulator, c: Contender | Pass, file: string, size: number): Promise<number> {
  if (c === MD5_PASS || c === READ_PASS) {
    const t = performance.now();
    await pass(c, file);
    return performance.now() - t;
  }
  const prepared = await c.prepare(targetOf(emu), file, size);
  const t = performance.now();
  await c.upload(targetOf(emu), file, size, prepared);
  const ms = performance.now() - t;
  await emu.reset();
  return ms;
}

/** Medians of RUNS interleaved runs; the order rotates each round so no one always goes first. */
async function measureTimes(emu: Emulator, file: string, size: number): Promise<Map<string, number>> {
  const all: Array<Contender | Pass> = [MD5_PASS, READ_PASS, ...CONTENDERS, ...TIMED_ONLY];
  const nameOf = (c: Contender | Pass) => (typeof c === 'string' ? c : c.name);
  const times = new Map<string, number[]>(all.map((c) => [nameOf(c), []]));
  for (let run = 0; run < RUNS; run++) {
    for (let i = 0; i < all.length; i++) {
      const c = all[(i + run) % all.length];
      times.get(nameOf(c))!.push(await timeOnce(emu, c, file, size));
    }
  }
  return new Map([...times].map(([name, list]) => [name, median(list)]));
}

function md5Of(file: string): string {
  return createHash('md5').update(fs.readFileSync(file)).digest('hex');
}

async function faultOutcome(emu: Emulator, wxNode: NodeWx, c: Contender, fault: FaultSpec, file: string, size: number): Promise<{ outcome: Outcome; requests: number }> {
  await emu.reset();
  emu.faults.inject(fault);
  const before = wxNode.requests;
  let reportedError = false;
  try {
    const prepared = await c.prepare(targetOf(emu), file, size);
    await c.upload(targetOf(emu), file, size, prepared);
  } catch {
    reportedError = true;
  }
  const md5 = md5Of(file);
  const stored = emu.objects().some((o) => o.md5 === md5 && o.size === size);
  emu.faults.clear();
  await emu.reset();
  return { outcome: reportedError ? 'clear error' : stored ? 'stored' : 'silently wrong', requests: wxNode.requests - before };
}

interface Peak {
  fileSize: number;
  peakArrayBuffers: number;
  requests: number;
}

/** One upload in a child process of its own (`--expose-gc`), so no other buffer shares the count. */
async function measurePeak(emu: Emulator, c: Contender, file: string): Promise<Peak> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '-r', 'esbuild-register', path.join(__dirname, 'peak-probe.ts'), c.name], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, BENCH_ENDPOINT: emu.endpoint, BENCH_TOKEN: emu.token, BENCH_PRODUCT: emu.productId, BENCH_FILE: file },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  await emu.reset();
  return JSON.parse(stdout.trim().split('\n').pop()!) as Peak;
}

export async function measurePeers(ctx: BenchContext): Promise<Figure[]> {
  const { emu, fixtures } = ctx;
  const figures: Figure[] = [];
  const wxNode = installNodeWx();
  try {
    for (const mib of SIZES_MIB) {
      process.stderr.write(`  ${mib} MiB…\n`);
      const file = fixtures.file(`peers-${mib}.bin`, mib * MiB);
      const t = await measureTimes(emu, file, mib * MiB);
      const bare = t.get(barePut.name)!;
      const note = `median of ${RUNS}`;
      figures.push({ section: 'peers', name: `${mib} MiB: bare PUT`, value: bare, unit: 'ms', note: `${note}; ${barePut.note}` });
      figures.push({ section: 'peers', name: `${mib} MiB: ${MD5_PASS}`, value: t.get(MD5_PASS)!, unit: 'ms', note: `${note}; getFileInfo md5 alone (Node crypto here, native on WeChat)` });
      figures.push({ section: 'peers', name: `${mib} MiB: ${READ_PASS}`, value: t.get(READ_PASS)!, unit: 'ms', note: `${note}; readFile alone: the body every contender but the bare PUT reads inside its time` });
      const timed = [...CONTENDERS, ...TIMED_ONLY].filter((x) => x !== barePut);
      for (const c of timed) figures.push({ section: 'peers', name: `${mib} MiB: ${c.name}`, value: t.get(c.name)!, unit: 'ms', note: `${note}; ${c.note}` });
      const limit = t.get(MD5_PASS)! + bare;
      figures.push({ section: 'peers', name: `${mib} MiB: core / (MD5 pass + bare PUT)`, value: t.get(core.name)! / limit, unit: 'x', note: 'goal ≤ 1.05: the limit when the MD5 is the name' });
      const attainable = Math.max(t.get(MD5_PASS)!, t.get(READ_PASS)!) + bare;
      figures.push({ section: 'peers', name: `${mib} MiB: core / (slower of MD5 and read passes + bare PUT)`, value: t.get(core.name)! / attainable, unit: 'x', note: 'the limit when read and hash fully overlap' });
      figures.push({ section: 'peers', name: `${mib} MiB: ${coreNamed.name} / (MD5 pass + bare PUT)`, value: t.get(coreNamed.name)! / limit, unit: 'x', note: 'the MD5 overlaps the URL request and the read' });
      for (const c of timed) figures.push({ section: 'peers', name: `${mib} MiB: ${c.name} / bare PUT`, value: t.get(c.name)! / bare, unit: 'x' });
      fs.rmSync(file);
    }
    process.stderr.write(`  peak memory (${PEAK_MIB} MiB, one child process each)…\n`);
    const peakFile = fixtures.file(`peers-peak-${PEAK_MIB}.bin`, PEAK_MIB * MiB);
    for (const c of CONTENDERS) {
      const p = await measurePeak(emu, c, peakFile);
      figures.push({ section: 'peers', name: `${c.name}: peak ArrayBuffer bytes / file size`, value: p.peakArrayBuffers / p.fileSize, unit: 'x', note: `${PEAK_MIB} MiB file; 1.00× is one copy` });
      figures.push({ section: 'peers', name: `${c.name}: requests per upload`, value: p.requests, unit: '', note: 'token API + storage, URL request included' });
    }
    fs.rmSync(peakFile);
    process.stderr.write('  faults…\n');
    const faultFile = fixtures.file('peers-fault.bin', FAULT_MIB * MiB);
    for (const c of CONTENDERS) {
      for (const f of FAULTS) {
        const r = await faultOutcome(emu, wxNode, c, f.spec, faultFile, FAULT_MIB * MiB);
        figures.push({ section: 'peers', name: `${c.name}: ${f.name}`, value: r.requests, unit: 'requests', text: r.outcome, note: `${r.requests} request${r.requests === 1 ? '' : 's'}` });
      }
    }
    if (wxNode.refused.length) ctx.problems.push(`requests off loopback were refused: ${wxNode.refused.join(', ')}`);
  } finally {
    wxNode.restore();
  }
  return figures;
}

/** The side-by-side table for the README, rebuilt from the figures (so also from results.json). */
export function renderPeersTable(figures: Figure[]): string {
  const byName = new Map(figures.filter((f) => f.section === 'peers').map((f) => [f.name, f]));
  const cell = (name: string, digits = 2) => {
    const f = byName.get(name);
    if (!f) return '–';
    return f.text !== undefined ? f.text : f.unit === 'x' ? f.value.toFixed(digits) + '×' : f.value.toLocaleString('en-US');
  };
  const head = ['contender', ...SIZES_MIB.map((m) => `${m} MiB ÷ bare PUT`), 'peak ArrayBuffer ÷ file', 'requests', ...FAULTS.map((f) => f.name)];
  const rows = CONTENDERS.map((c) => [
    c.name,
    ...SIZES_MIB.map((m) => (c === barePut ? '1.00×' : cell(`${m} MiB: ${c.name} / bare PUT`))),
    cell(`${c.name}: peak ArrayBuffer bytes / file size`),
    cell(`${c.name}: requests per upload`),
    ...FAULTS.map((f) => cell(`${c.name}: ${f.name}`)),
  ]);
  const blank = ['', '', ...FAULTS.map(() => '')];
  rows.push([coreNamed.name, ...SIZES_MIB.map((m) => cell(`${m} MiB: ${coreNamed.name} / bare PUT`)), ...blank]);
  rows.push(['core ÷ (MD5 pass + bare PUT)', ...SIZES_MIB.map((m) => cell(`${m} MiB: core / (MD5 pass + bare PUT)`)), ...blank]);
  rows.push(['core ÷ (slower of MD5 and read passes + bare PUT)', ...SIZES_MIB.map((m) => cell(`${m} MiB: core / (slower of MD5 and read passes + bare PUT)`)), ...blank]);
  rows.push([`${coreNamed.name} ÷ (MD5 pass + bare PUT)`, ...SIZES_MIB.map((m) => cell(`${m} MiB: ${coreNamed.name} / (MD5 pass + bare PUT)`)), ...blank]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(head), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...rows.map(line)].join('\n');
}
