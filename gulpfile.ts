/**
 * Builds `components/` into `miniprogram_dist/`, one task per file type (vant-weapp's layout):
 * scripts compile one CommonJS file per `.ts` (no bundling, so the mini-program's own `require`
 * paths stay as written), templates and styles are copied, assets copied as bytes.
 */
import { execFileSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { dest, parallel, series, src, watch } from 'gulp';

const SRC = 'components';
const DIST = 'miniprogram_dist';
const TEXT_FILES = `${SRC}/**/*.{wxml,wxss,json,wxs}`;
const ASSET_FILES = `${SRC}/**/*.{png,jpg,jpeg,gif,svg,webp,ttf,woff,woff2}`;

function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    // A `types.ts` holds types only: it ships as its `.d.ts` (from tsc), never as an empty module.
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && path.basename(f) !== 'types.ts')
    .map((f) => path.join(dir, f));
}

export async function clean(): Promise<void> {
  await fs.promises.rm(DIST, { recursive: true, force: true });
}

/** One tsc run type-checks the sources and writes the `.d.ts` files hosts' editors read. */
export function types(cb: () => void): void {
  execFileSync(process.execPath, [path.join(__dirname, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--declaration', '--emitDeclarationOnly', '--outDir', DIST], { stdio: 'inherit' });
  cb();
}

export async function scripts(): Promise<void> {
  await esbuild.build({
    entryPoints: listTs(SRC),
    outbase: SRC,
    outdir: DIST,
    format: 'cjs',
    target: 'es2018',
    platform: 'neutral',
    bundle: false,
    minifySyntax: true,
    logLevel: 'warning',
  });
}

export function templates(): NodeJS.ReadWriteStream {
  return src(TEXT_FILES, { allowEmpty: true }).pipe(dest(DIST));
}

/** gulp 5 reads files as UTF-8 unless told otherwise: images and fonts must stay bytes. */
export function assets(): NodeJS.ReadWriteStream {
  return src(ASSET_FILES, { encoding: false, allowEmpty: true }).pipe(dest(DIST));
}

export const build = series(clean, types, parallel(scripts, templates, assets));

export function dev(): void {
  build(() => undefined);
  watch(`${SRC}/**/*.ts`, series(types, scripts));
  watch(TEXT_FILES, templates);
  watch(ASSET_FILES, assets);
}

export default build;
