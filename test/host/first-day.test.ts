/**
 * A host developer's first day, from the README alone: a scratch project in the DevTools
 * TypeScript template layout (outside the work tree), the PACKED package (`npm pack`) and
 * @vant/weapp installed by npm, the README's set-up files written as they are, `miniprogram_npm`
 * built by the README's miniprogram-ci script, then the README's "Test your page" test run
 * verbatim by jest inside that project: a real file goes through `<resource-uploader>` (loaded
 * from `miniprogram_npm`) to the emulator, with the token provider set from the host's own
 * `require('iotexplorer-resource-uploader')` (a second copy of the package).
 * The test tools (jest, ts-jest, typescript…) are linked from this repository, as
 * test/support/host-project.ts does, after checking the README names them with these versions.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readmeBlocks } from '../support/readme-blocks';

const ROOT = path.resolve(__dirname, '../..');
const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
/** README files that sit at the project root; the others belong to `miniprogramRoot`. */
const AT_ROOT = /^(test\/|scripts\/|project\.config\.json$|tsconfig\.json$|jest\.config\.js$)/;
const MINIPROGRAM_ROOT = 'miniprogram';

let tmp: string;
let host: string;
let readme: string;

function npm(args: string[], cwd: string, timeout: number): string {
  return execFileSync(npmCli[0], [...npmCli.slice(1), ...args], { cwd, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `name@version` words of the README's test-tools install line. */
function readmeDevTools(): Map<string, string> {
  const line = readme.split('\n').find((l) => l.startsWith('npm i -D jest@'));
  if (!line) throw new Error('README: no `npm i -D jest@…` line in "Test your page"');
  return new Map(
    line
      .split(/\s+/)
      .slice(3)
      .map((spec) => {
        const at = spec.lastIndexOf('@');
        return [spec.slice(0, at), spec.slice(at + 1)] as [string, string];
      }),
  );
}

beforeAll(() => {
  for (const f of ['miniprogram_dist/resource-uploader/index.js', 'testing/index.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` (npm test does) first`);
  }
  readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ru-first-day-'));
  host = path.join(tmp, 'host');
  fs.mkdirSync(host);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the README’s test tools install on today’s registry: TypeScript pinned below 7 for ts-jest', () => {
  const tools = readmeDevTools();
  expect(tools.get('typescript')).toBe('6');
  expect(tools.get('ts-jest')).toBe('29');
  // What is linked below is what the README asks for (same major version).
  for (const [name, range] of tools) {
    const installed = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
    expect(`${name}@${installed.split('.')[0]}`).toBe(`${name}@${range.split('.')[0]}`);
  }
});

test('npm pack → npm install → Build npm → the README’s page test passes inside the host project', () => {
  const started = Date.now();
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], ROOT, 60000))[0].filename as string;
  fs.writeFileSync(
    path.join(host, 'package.json'),
    JSON.stringify(
      {
        name: 'first-day-host',
        private: true,
        scripts: { test: 'jest' },
        dependencies: { '@vant/weapp': '^1.11.7', 'iotexplorer-resource-uploader': `file:../${path.basename(packed)}` },
        overrides: { 'miniprogram-api-typings': '$miniprogram-api-typings' },
      },
      null,
      2,
    ),
  );
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], host, 120000);
  const installed = JSON.parse(fs.readFileSync(path.join(host, 'node_modules/iotexplorer-resource-uploader/package.json'), 'utf8'));
  expect(installed.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  expect(fs.lstatSync(path.join(host, 'node_modules/iotexplorer-resource-uploader')).isSymbolicLink()).toBe(false);
  for (const name of readmeDevTools().keys()) {
    const link = path.join(host, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(ROOT, 'node_modules', name), link, 'dir');
  }

  for (const b of readmeBlocks()) {
    if (!b.file) continue;
    const target = AT_ROOT.test(b.file) ? path.join(host, b.file) : path.join(host, MINIPROGRAM_ROOT, b.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, b.code);
  }
  fs.writeFileSync(path.join(host, MINIPROGRAM_ROOT, 'app.json'), JSON.stringify({ pages: ['pages/ringtone/index'] }));

  const build = spawnSync(process.execPath, ['scripts/build-npm.js'], { cwd: host, encoding: 'utf8', timeout: 60000 });
  expect(build.stderr + build.stdout).toContain('miniprogram_npm built');
  const npmDir = path.join(host, MINIPROGRAM_ROOT, 'miniprogram_npm');
  expect(fs.existsSync(path.join(npmDir, 'iotexplorer-resource-uploader/resource-uploader/index.js'))).toBe(true);
  // WeChat's build copies the package's miniprogram_dist only: the testing entry stays in node_modules.
  expect(fs.readdirSync(path.join(npmDir, 'iotexplorer-resource-uploader')).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'miniprogram_dist')).sort());

  const jest = spawnSync(process.execPath, [path.join(host, 'node_modules/jest/bin/jest.js'), '--ci', '--colors=false'], { cwd: host, encoding: 'utf8', timeout: 150000 });
  const report = `${jest.stdout}\n${jest.stderr}`;
  expect({ status: jest.status, report: jest.status === 0 ? '' : report.slice(-6000) }).toEqual({ status: 0, report: '' });
  expect(report).toMatch(/Tests:\s+2 passed, 2 total/);
  console.log(`first day: ${((Date.now() - started) / 1000).toFixed(1)} s from npm pack to a passing host test`);
}, 300000);
