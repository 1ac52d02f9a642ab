/**
 * The weight of a built mini-program package as WeChat counts it: its runtime files (`.js`,
 * `.json`, `.wxml`, `.wxss`, `.wxs`, assets; never `.d.ts`), raw, and "shipped": each `.js` file
 * minified on its own the way DevTools does on upload, the rest as they are. The minifier is the
 * one miniprogram-ci itself loads (terser 4, `toplevel: true`, comments dropped): see its
 * `modules/corecompiler/original/js/minifyjs.js`. Used by `npm run bench` and the budget test.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';

export interface FileWeight {
  /** Relative to the package folder, with `/`. */
  path: string;
  raw: number;
  shipped: number;
}

export interface PackageWeight {
  files: FileWeight[];
  raw: number;
  shipped: number;
  /** `shipped` of the `.js` files alone. */
  shippedJs: number;
}

interface Terser {
  minify(code: string, options: object): { code?: string; error?: Error };
}

function devToolsTerser(): Terser {
  const fromHere = createRequire(__filename);
  return createRequire(fromHere.resolve('miniprogram-ci/package.json'))('terser') as Terser;
}

/** What DevTools' "compress JS on upload" makes of one file. */
export function minifyLikeDevTools(code: string, file = 'file.js'): string {
  const result = devToolsTerser().minify(code, { output: { comments: false }, toplevel: true, compress: { drop_console: false, drop_debugger: false } });
  if (result.error || typeof result.code !== 'string') throw new Error(`${file}: ${result.error ? result.error.message : 'no output'}`);
  return result.code;
}

export function isRuntimeFile(file: string): boolean {
  return !file.endsWith('.d.ts') && !file.endsWith('.map');
}

export function measurePackage(dir: string, filter: (file: string) => boolean = isRuntimeFile): PackageWeight {
  const files: FileWeight[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const abs = path.join(dir, rel);
    const file = rel.split(path.sep).join('/');
    if (!fs.statSync(abs).isFile() || !filter(file)) continue;
    const bytes = fs.readFileSync(abs);
    const shipped = file.endsWith('.js') ? Buffer.byteLength(minifyLikeDevTools(bytes.toString('utf8'), file)) : bytes.length;
    files.push({ path: file, raw: bytes.length, shipped });
  }
  const sum = (list: FileWeight[], key: 'raw' | 'shipped') => list.reduce((n, f) => n + f[key], 0);
  return { files, raw: sum(files, 'raw'), shipped: sum(files, 'shipped'), shippedJs: sum(files.filter((f) => f.path.endsWith('.js')), 'shipped') };
}
