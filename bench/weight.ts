/**
 * Package weight: what a host ships when it installs us, beside what vant's own uploader costs;
 * then what the demo mini-program actually uses, as WeChat's own code analysis (miniprogram-ci
 * `analyseCode`, after its "Build npm") counts it: files that belong to no module are left out of
 * an upload by DevTools, so only used files weigh on the package-size limit.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runDemoCi } from '../test/demo/run-ci';
import type { Figure } from './table';

const root = path.resolve(__dirname, '..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}

function typeOf(file: string): string {
  return file.endsWith('.d.ts') ? '.d.ts' : path.extname(file) || '(none)';
}

function measureDist(): Figure[] {
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
  return figures;
}

function vantVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@vant/weapp/package.json'), 'utf8')).version;
}

/** vant's uploader as a host receives it: the folder named by its "miniprogram" field. */
function measureVantUploader(): Figure {
  const vantPkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@vant/weapp/package.json'), 'utf8'));
  const vantUploader = path.join(root, 'node_modules/@vant/weapp', vantPkg.miniprogram || 'lib', 'uploader');
  const vantBytes = filesUnder(vantUploader).filter((f) => !f.endsWith('.d.ts')).reduce((n, f) => n + fs.statSync(f).size, 0);
  return { section: 'weight', name: '@vant/weapp uploader folder (no .d.ts)', value: vantBytes, unit: 'B', note: `vant ${vantPkg.version}, for comparison` };
}

/**
 * The demo after WeChat's npm build, through `analyseCode`: per package, the files with a module
 * (used) and all files packed. Sizes are read from the files analyseCode names, in the project
 * copy it analysed (ci-child passes on paths and module ids; the sizes it reports are the same).
 */
function measureDemoUse(): Figure[] {
  const run = runDemoCi();
  try {
    const packages = [
      { name: 'iotexplorer-resource-uploader', prefix: 'miniprogram_npm/iotexplorer-resource-uploader/' },
      { name: '@vant/weapp', prefix: 'miniprogram_npm/@vant/weapp/' },
    ];
    const figures: Figure[] = [];
    for (const pkg of packages) {
      const files = run.result.files.filter((f) => f.path.startsWith(pkg.prefix));
      if (!files.length) throw new Error(`analyseCode lists no file of ${pkg.name}: did the npm build run?`);
      const size = (list: typeof files) => list.reduce((n, f) => n + fs.statSync(path.join(run.miniprogramDir, f.path)).size, 0);
      const used = files.filter((f) => f.moduleId !== null);
      const version = pkg.name === '@vant/weapp' ? ` ${vantVersion()}` : '';
      figures.push({
        section: 'weight',
        name: `demo uses of ${pkg.name}${version} (analyseCode)`,
        value: size(used),
        unit: 'B',
        note: `${used.length} of ${files.length} packed files (${size(files).toLocaleString('en-US')} B) have a module`,
      });
    }
    return figures;
  } finally {
    run.remove();
  }
}

export function measureWeight(): Figure[] {
  return [...measureDist(), measureVantUploader(), ...measureDemoUse()];
}
