/** Package weight: what a host ships when it installs us, beside what vant's own uploader costs. */
import * as fs from 'fs';
import * as path from 'path';
import type { Figure } from './table';

const root = path.resolve(__dirname, '..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}

function typeOf(file: string): string {
  return file.endsWith('.d.ts') ? '.d.ts' : path.extname(file) || '(none)';
}

export function measureWeight(): Figure[] {
  const dist = path.join(root, 'miniprogram_dist');
  const byType = new Map<string, number>();
  let total = 0;
  for (const f of filesUnder(dist)) {
    const size = fs.statSync(f).size;
    byType.set(typeOf(f), (byType.get(typeOf(f)) || 0) + size);
    total += size;
  }
  const figures: Figure[] = [...byType.entries()].sort((a, b) => b[1] - a[1]).map(([type, bytes]) => ({ section: 'weight', name: `miniprogram_dist ${type}`, value: bytes, unit: 'B' }));
  figures.push({ section: 'weight', name: 'miniprogram_dist total', value: total, unit: 'B', note: '.d.ts files are for editors; WeChat ignores them' });
  // vant's uploader as a host receives it: the folder named by its "miniprogram" field.
  const vantPkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@vant/weapp/package.json'), 'utf8'));
  const vantUploader = path.join(root, 'node_modules/@vant/weapp', vantPkg.miniprogram || 'lib', 'uploader');
  const vantBytes = filesUnder(vantUploader).filter((f) => !f.endsWith('.d.ts')).reduce((n, f) => n + fs.statSync(f).size, 0);
  figures.push({ section: 'weight', name: '@vant/weapp uploader folder (no .d.ts)', value: vantBytes, unit: 'B', note: `vant ${vantPkg.version}, for comparison` });
  return figures;
}
