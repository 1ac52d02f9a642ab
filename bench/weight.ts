/**
 * Package weight. First the runtime files of `miniprogram_dist` (raw, and "shipped": each JS file
 * minified on its own as DevTools does on upload). Then what a host pays for one uploader on one
 * page, as WeChat's own tools count it: a throwaway mini-program whose page uses only
 * `<resource-uploader>`, only vant's `<van-uploader>` or only tdesign's `<t-upload>` goes through
 * miniprogram-ci's "Build npm" and `analyseCode`; files that belong to no module are left out of
 * an upload by DevTools, so the files with a module are the price.
 */
import { execFileSync } from 'child_process';
import * as esbuild from 'esbuild';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CiResult } from '../test/demo/ci-child';
import { measurePackage, minifyLikeDevTools } from './package-weight';
import type { Figure } from './table';

const root = path.resolve(__dirname, '..');
const OURS = 'iotexplorer-resource-uploader';
const VANT = '@vant/weapp';
const TDESIGN = 'tdesign-miniprogram';
/** Issue 17's goals for 0.3 (issue 13 had asked 45,000 and 75,000 of 0.2, which weighed 79,053 and 126,065). */
export const SHIPPED_GOAL = 70000;
export const RAW_GOAL = 110000;

function versionOf(dir: string): string {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

/**
 * What one concern of 0.3 weighs on its own: its source files compiled without their imports
 * (every import is another file's weight), then minified as DevTools does.
 */
const CONCERNS: Array<{ name: string; files: string[] }> = [
  { name: 'chooser rules and choosers (resource-uploader/picker.ts)', files: ['components/resource-uploader/picker.ts'] },
  { name: 'stored files (stored/stored-files.ts, upload/download-url.ts)', files: ['components/resource-uploader/stored/stored-files.ts', 'components/core/upload/download-url.ts'] },
  { name: 'one record per file (queue/file-record.ts)', files: ['components/core/queue/file-record.ts'] },
];

function ownWeight(file: string): number {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  // One file, its imports left as `require`s: what this file adds, not what it uses.
  const { code } = esbuild.transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2018', sourcefile: file });
  return Buffer.byteLength(minifyLikeDevTools(code, file));
}

export function measureConcerns(): Figure[] {
  return CONCERNS.map((c) => ({ section: 'weight', name: `of which ${c.name}, shipped`, value: c.files.reduce((n, f) => n + ownWeight(f), 0), unit: 'B', note: 'the files alone, minified as DevTools does' }));
}

function measureDist(): Figure[] {
  const w = measurePackage(path.join(root, 'miniprogram_dist'));
  const typesDir = path.join(root, 'types');
  const types = fs.existsSync(typesDir) ? measurePackage(typesDir, (f) => f.endsWith('.d.ts')).raw : 0;
  return [
    { section: 'weight', name: 'runtime files, shipped (JS minified per file as DevTools does)', value: w.shipped, unit: 'B', note: `goal ≤ ${SHIPPED_GOAL.toLocaleString('en-US')} B; ${w.files.length} files` },
    { section: 'weight', name: 'runtime files, raw', value: w.raw, unit: 'B', note: `goal ≤ ${RAW_GOAL.toLocaleString('en-US')} B` },
    { section: 'weight', name: 'runtime JS, shipped', value: w.shippedJs, unit: 'B', note: w.files.filter((f) => f.path.endsWith('.js')).map((f) => `${f.path} ${f.shipped.toLocaleString('en-US')}`).join(', ') },
    { section: 'weight', name: 'types/ (.d.ts, for editors; not in miniprogram_dist)', value: types, unit: 'B', note: 'never copied into miniprogram_npm' },
  ];
}

interface Uploader {
  label: string;
  /** The host's dependency that provides it, and the `usingComponents` path. */
  dependencies: Record<string, string>;
  tag: string;
  using: string;
  /** The UI library the figure depends on, named with its installed version in the note. */
  library: { label: string; name: string };
}

const UPLOADERS: Uploader[] = [
  { label: 'resource-uploader', dependencies: { [OURS]: root, [VANT]: path.join(root, 'node_modules', VANT) }, tag: 'resource-uploader', using: `${OURS}/resource-uploader/index`, library: { label: 'vant', name: VANT } },
  { label: 'van-uploader', dependencies: { [VANT]: path.join(root, 'node_modules', VANT) }, tag: 'van-uploader', using: `${VANT}/uploader/index`, library: { label: 'vant', name: VANT } },
  // The path tdesign documents; its package.json `miniprogram` field is `miniprogram_dist`.
  { label: 't-upload', dependencies: { [TDESIGN]: path.join(root, 'node_modules', TDESIGN) }, tag: 't-upload', using: `${TDESIGN}/upload/upload`, library: { label: 'tdesign', name: TDESIGN } },
];

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A one-page mini-program using one uploader, its host folder (node_modules links) and a key. */
function makeProject(dir: string, u: Uploader): { projectDir: string; hostPackageJson: string; keyPath: string } {
  const projectDir = path.join(dir, 'project');
  const mp = path.join(projectDir, 'miniprogram');
  write(path.join(projectDir, 'project.config.json'), JSON.stringify({ miniprogramRoot: 'miniprogram/', compileType: 'miniprogram', appid: 'touristappid', libVersion: '3.5.8', setting: { es6: false, minified: true, ignoreUploadUnusedFiles: true } }));
  write(path.join(mp, 'app.json'), JSON.stringify({ pages: ['pages/index/index'], lazyCodeLoading: 'requiredComponents' }));
  write(path.join(mp, 'app.js'), 'App({});\n');
  write(path.join(mp, 'pages/index/index.json'), JSON.stringify({ usingComponents: { [u.tag]: u.using } }));
  write(path.join(mp, 'pages/index/index.js'), 'Page({});\n');
  write(path.join(mp, 'pages/index/index.wxml'), `<${u.tag} />\n`);
  const deps = Object.fromEntries(Object.keys(u.dependencies).map((name) => [name, '*']));
  write(path.join(mp, 'package.json'), JSON.stringify({ name: 'weight-host', private: true, dependencies: deps }));
  const host = path.join(dir, 'host');
  write(path.join(host, 'package.json'), JSON.stringify({ name: 'weight-host', private: true, dependencies: deps }));
  for (const [name, target] of Object.entries(u.dependencies)) {
    const link = path.join(host, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link, 'dir');
  }
  const keyPath = path.join(dir, 'private.key');
  // miniprogram-ci wants a key file even offline; a throwaway one.
  fs.writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
  return { projectDir, hostPackageJson: path.join(host, 'package.json'), keyPath };
}

interface HostCost {
  raw: number;
  shipped: number;
  files: number;
  byPackage: Map<string, number>;
}

/** Build npm + analyseCode on the one-page project; the used files of miniprogram_npm, summed. */
function hostCost(u: Uploader): HostCost {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weight-host-'));
  try {
    const { projectDir, hostPackageJson, keyPath } = makeProject(dir, u);
    const out = execFileSync(process.execPath, ['-r', 'esbuild-register', path.join(root, 'test/demo/ci-child.ts'), projectDir, hostPackageJson, keyPath], { cwd: root, encoding: 'utf8', timeout: 120000, maxBuffer: 64 << 20 });
    const line = out.split('\n').find((l) => l.startsWith('CI-RESULT '));
    if (!line) throw new Error('miniprogram-ci gave no result:\n' + out.slice(-2000));
    const result = JSON.parse(line.slice('CI-RESULT '.length)) as CiResult;
    const used = result.files.filter((f) => f.path.startsWith('miniprogram_npm/') && f.moduleId !== null && !f.path.endsWith('.d.ts'));
    if (!used.length) throw new Error(`analyseCode lists no used npm file for ${u.label}`);
    const cost: HostCost = { raw: 0, shipped: 0, files: used.length, byPackage: new Map() };
    for (const f of used) {
      const text = fs.readFileSync(path.join(projectDir, 'miniprogram', f.path));
      const shipped = f.path.endsWith('.js') ? Buffer.byteLength(minifyLikeDevTools(text.toString('utf8'), f.path)) : text.length;
      cost.raw += text.length;
      cost.shipped += shipped;
      const pkg = Object.keys(u.dependencies).find((name) => f.path.startsWith(`miniprogram_npm/${name}/`)) || '?';
      cost.byPackage.set(pkg, (cost.byPackage.get(pkg) || 0) + shipped);
    }
    return cost;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function measureHostCosts(): Figure[] {
  return UPLOADERS.map((u) => {
    const c = hostCost(u);
    const library = `${u.library.label} ${versionOf(path.join(root, 'node_modules', u.library.name))}`;
    const parts = [...c.byPackage].map(([pkg, bytes]) => `${pkg} ${bytes.toLocaleString('en-US')} B`).join(' + ');
    return {
      section: 'weight',
      name: `a page with only <${u.tag}>: npm files it uses, shipped (analyseCode)`,
      value: c.shipped,
      unit: 'B',
      note: `${c.files} files, ${c.raw.toLocaleString('en-US')} B raw; ${parts}; ${library}`,
    };
  });
}

export function measureWeight(): Figure[] {
  return [...measureDist(), ...measureConcerns(), ...measureHostCosts()];
}
