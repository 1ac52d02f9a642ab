/**
 * The shape that keeps the package light: one shared core, no per-file module boilerplate, every
 * source stored once, every `require` resolvable by WeChat, no declarations among runtime files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { plan } from '../../gulpfile';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'miniprogram_dist');

function distFiles(ext: string): string[] {
  return fs
    .readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => f.split(path.sep).join('/'));
}

function read(file: string): string {
  return fs.readFileSync(path.join(dist, file), 'utf8');
}

beforeAll(() => {
  if (!fs.existsSync(path.join(dist, 'index.js'))) throw new Error('miniprogram_dist is missing: run `npm run build` (npm test does) first');
});

test('no file carries CommonJS interop helpers or ES module syntax', () => {
  for (const file of distFiles('.js')) {
    const code = read(file);
    expect({ file, helpers: code.match(/__(toCommonJS|export|copyProps|defProp|toESM|reExport)\b/g) }).toEqual({ file, helpers: null });
    expect({ file, esm: /^\s*(import|export)\b/m.test(code) }).toEqual({ file, esm: false });
  }
});

test('every source file is bundled into exactly one module, so messages and texts are stored once', async () => {
  // The shipped modules are minified (no per-source markers left): ask the build what it bundles where.
  const { sources: bundled } = await plan();
  const homes = new Map<string, string[]>();
  for (const [module, files] of bundled) for (const f of files) homes.set(f, [...(homes.get(f) || []), module]);
  const sources = fs
    .readdirSync(path.join(root, 'components'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(root, 'components', f));
  for (const source of sources) {
    const modules = homes.get(source) || [];
    expect({ source, copies: modules.length }).toEqual({ source, copies: modules.length ? 1 : 0 });
  }
  expect(homes.get(path.join(root, 'components/core/i18n/messages.ts'))).toEqual(['core/index']);
  expect(homes.get(path.join(root, 'components/resource-uploader/texts.ts'))).toEqual(['resource-uploader/index']);
  // What the build plans is what it wrote: one of each table's sentences is in its module's file.
  expect(read('core/index.js')).toContain('无法读取所选文件');
  expect(read('resource-uploader/index.js')).toContain('已选文件');
  expect(distFiles('.js').filter((f) => read(f).includes('无法读取所选文件'))).toEqual(['core/index.js']);
});

test('every require names a module of the package that exists, as WeChat resolves it', () => {
  for (const file of distFiles('.js')) {
    for (const [, target] of read(file).matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      expect({ file, target, relative: /^\.\.?\//.test(target) }).toEqual({ file, target, relative: true });
      const resolved = path.join(dist, path.dirname(file), target);
      expect({ file, target, exists: fs.existsSync(resolved + '.js') || fs.existsSync(resolved) }).toEqual({ file, target, exists: true });
    }
  }
});

test('declarations stay out of miniprogram_dist; package.json types points at them', () => {
  expect(distFiles('.d.ts')).toEqual([]);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(pkg.types).toMatch(/^types\//);
  expect(fs.existsSync(path.join(root, pkg.types))).toBe(true);
  expect(pkg.files).toEqual(expect.arrayContaining(['miniprogram_dist', 'types']));
});
