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
import { fullCollection } from '../node-platform';
import type { BenchContext } from './context';
import { Figure, median } from './table';

export const SIZES_MIB = [1, 20, 90];
/**
 * Each round times every contender once. The machine's pace drifts (a bare 20 MiB PUT took 95 ms in
 * one run and 178 ms in another), so each ratio is taken within a round and the median of the
 * rounds is reported: a slow minute then weighs on both sides of the same ratio.
 */
const ROUNDS = 21;
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

/**
 * One timed run, from a collected heap: what an earlier contender left behind (the bare PUT's
 * bytes, the demo's copies) is not collected in this one's time. Its own garbage still is.
 */
async function timeOnce(emu: Emulator, c: Contender | Pass, file: string, size: number, collect: () => void): Promise<number> {
  if (c === MD5_PASS || c === READ_PASS) {
    collect();
    const t = performance.now();
    await pass(c, file);
    return performance.now() - t;
  }
  const prepared = await c.prepare(targetOf(emu), file, size);
  collect();
  const t = performance.now();
  await c.upload(targetOf(emu), file, size, prepared);
  const ms = performance.now() - t;
  await emu.reset();
  return ms;
}

/** A fixed-seed generator (mulberry32): every run of the bench times the same orders. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Each contender's time in each round, by name; `times.get(name)[round]`. */
type RoundTimes = Map<string, number[]>;

/** The median over rounds of a ratio taken within each round. */
function pairedRatio(times: RoundTimes, ratio: (ms: (name: string) => number) => number): number {
  return median(times.get(MD5_PASS)!.map((_, round) => ratio((name) => times.get(name)![round])));
}

/**
 * ROUNDS rounds, every contender once in each, in a shuffled order: a rotation would keep each
 * one behind the same neighbour in every round (the core always after the bare PUT).
 */
async function measureTimes(emu: Emulator, file: string, size: number, collect: () => void): Promise<RoundTimes> {
  const all: Array<Contender | Pass> = [MD5_PASS, READ_PASS, ...CONTENDERS, ...TIMED_ONLY];
  const nameOf = (c: Contender | Pass) => (typeof c === 'string' ? c : c.name);
  const times: RoundTimes = new Map(all.map((c) => [nameOf(c), []]));
  const random = seeded(size);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of shuffled(all, random)) times.get(nameOf(c))!.push(await timeOnce(emu, c, file, size, collect));
  }
  return times;
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
  const collect = fullCollection();
  try {
    for (const mib of SIZES_MIB) {
      process.stderr.write(`  ${mib} MiB…\n`);
      const file = fixtures.file(`peers-${mib}.bin`, mib * MiB);
      const t = await measureTimes(emu, file, mib * MiB, collect);
      const ms = (name: string) => median(t.get(name)!);
      const note = `median of ${ROUNDS} rounds`;
      const paired = `median over ${ROUNDS} rounds of the ratio within each`;
      figures.push({ section: 'peers', name: `${mib} MiB: bare PUT`, value: ms(barePut.name), unit: 'ms', note: `${note}; ${barePut.note}` });
      figures.push({ section: 'peers', name: `${mib} MiB: ${MD5_PASS}`, value: ms(MD5_PASS), unit: 'ms', note: `${note}; getFileInfo md5 alone (Node crypto here, native on WeChat)` });
      figures.push({ section: 'peers', name: `${mib} MiB: ${READ_PASS}`, value: ms(READ_PASS), unit: 'ms', note: `${note}; readFile alone: the body every contender but the bare PUT reads inside its time` });
      const timed = [...CONTENDERS, ...TIMED_ONLY].filter((x) => x !== barePut);
      for (const c of timed) figures.push({ section: 'peers', name: `${mib} MiB: ${c.name}`, value: ms(c.name), unit: 'ms', note: `${note}; ${c.note}` });
      const overLimit = (name: string) => pairedRatio(t, (round) => round(name) / (round(MD5_PASS) + round(barePut.name)));
      figures.push({ section: 'peers', name: `${mib} MiB: core / (MD5 pass + bare PUT)`, value: overLimit(core.name), unit: 'x', note: `${paired}; goal ≤ 1.05: the limit when the MD5 is the name` });
      const overAttainable = pairedRatio(t, (round) => round(core.name) / (Math.max(round(MD5_PASS), round(READ_PASS)) + round(barePut.name)));
      figures.push({ section: 'peers', name: `${mib} MiB: core / (slower of MD5 and read passes + bare PUT)`, value: overAttainable, unit: 'x', note: `${paired}; the limit when read and hash fully overlap` });
      figures.push({ section: 'peers', name: `${mib} MiB: ${coreNamed.name} / (MD5 pass + bare PUT)`, value: overLimit(coreNamed.name), unit: 'x', note: `${paired}; the MD5 overlaps the URL request and the read` });
      for (const c of timed) figures.push({ section: 'peers', name: `${mib} MiB: ${c.name} / bare PUT`, value: pairedRatio(t, (round) => round(c.name) / round(barePut.name)), unit: 'x', note: paired });
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
