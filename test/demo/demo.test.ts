/**
 * The demo mini-program, consuming the built package the way a host does: its npm dependencies
 * installed (offline symlinks, as `npm install` makes them), WeChat's own "Build npm", then
 * WeChat's code-quality check and code analysis, all from miniprogram-ci, on a copy of the demo.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CiResult } from './ci-child';
import { DEMO, ROOT } from './host';
import { DemoCiRun, runDemoCi } from './run-ci';
import { ENDPOINT, FakePlatform } from '../support/fake-platform';

const DIST = path.join(ROOT, 'miniprogram_dist');
const PKG = 'miniprogram_npm/iotexplorer-resource-uploader/';
/** What the mini-program runtime loads; `.d.ts` files are for editors. */
const MP_FILE = /\.(js|json|wxml|wxss|wxs)$/;

let run: DemoCiRun;
let projectDir: string;
let result: CiResult;

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')]));
}

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'resource-uploader/index.js'))) throw new Error('miniprogram_dist is missing: run `npm run build` (npm test does) first');
  run = runDemoCi();
  ({ projectDir, result } = run);
}, 150000);

afterAll(() => {
  if (run) run.remove();
});

describe('WeChat’s npm build', () => {
  test('packs our package and vant, without warnings', () => {
    expect(result.pack).toEqual({ miniProgramPackNum: 2, otherNpmPackNum: 0, warnList: [] });
  });

  test('what lands in miniprogram_npm is the build, file for file', () => {
    const built = listFiles(DIST).filter((f) => MP_FILE.test(f)).sort();
    const packed = listFiles(path.join(projectDir, 'miniprogram', PKG)).filter((f) => MP_FILE.test(f)).sort();
    expect(packed).toEqual(built);
    expect(built).toEqual(expect.arrayContaining(['index.js', 'resource-uploader/index.js', 'resource-uploader/index.json', 'resource-uploader/index.wxml', 'resource-uploader/index.wxss']));
    for (const f of built) expect(fs.readFileSync(path.join(projectDir, 'miniprogram', PKG, f), 'utf8')).toBe(fs.readFileSync(path.join(DIST, f), 'utf8'));
  });
});

describe('code quality (DevTools’ 代码质量扫描)', () => {
  test('every check passes', () => {
    const names = result.quality.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['PACKAGE_SIZE_LIMIT', 'JS_COMPRESS_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN', 'IMAGE_AND_AUDIO_LIMIT', 'CONTAINS_UNUSED_COMPONENTS', 'CONTAINS_UNUSED_CODES']));
    expect(result.quality.filter((q) => !q.success).map((q) => `${q.name}: ${q.text}`)).toEqual([]);
  });

  test('unused code is only vant parts the demo does not use (DevTools leaves them out of the upload)', () => {
    const unused = result.quality.find((q) => q.name === 'CONTAINS_UNUSED_CODES')!.detail as string[];
    expect(unused.filter((f) => !f.startsWith('miniprogram_npm/@vant/weapp/') && f !== 'package.json')).toEqual([]);
  });
});

describe('code analysis', () => {
  test('no file of the built package is unused', () => {
    const ours = result.files.filter((f) => f.path.startsWith(PKG));
    const built = listFiles(DIST).filter((f) => MP_FILE.test(f));
    expect(ours.map((f) => f.path.slice(PKG.length)).sort()).toEqual(built.sort());
    expect(ours.filter((f) => !f.moduleId).map((f) => f.path)).toEqual([]);
  });

  test('the page uses the component by its SPEC path, and the component the vant parts', () => {
    const byId = new Map(result.modules.map((m) => [m.id, m]));
    const component = byId.get(`Component:${PKG}resource-uploader/index.json`);
    expect(component).toBeDefined();
    expect(component!.parentDeps.map((d) => d.originModuleId)).toContain('Page:pages/index/index.json');
    for (const part of ['button', 'icon', 'loading', 'progress']) {
      const vant = byId.get(`Component:miniprogram_npm/@vant/weapp/${part}/index.json`);
      expect(vant && vant.parentDeps.map((d) => d.originModuleId)).toContain(`Component:${PKG}resource-uploader/index.json`);
    }
  });

  test('every file of the demo itself is used', () => {
    const own = result.files.filter((f) => !f.path.startsWith('miniprogram_npm/') && f.path !== 'package.json');
    expect(own.map((f) => f.path).sort()).toEqual(['app.js', 'app.json', 'app.wxss', 'config.js', 'pages/index/index.js', 'pages/index/index.json', 'pages/index/index.wxml', 'pages/index/index.wxss', 'sitemap.json', 'theme.json']);
    expect(own.filter((f) => !f.moduleId).map((f) => f.path)).toEqual([]);
  });
});

describe('the demo app', () => {
  test('its login stand-in supplies the token through setAccessTokenProvider (reason "missing")', async () => {
    const mp = path.join(projectDir, 'miniprogram');
    // The mini-program runtime resolves npm names in miniprogram_npm; do the same for the packed copy.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const api = require(path.join(mp, PKG, 'index.js'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(mp, 'config.js'));
    let app: { onLaunch(): void } | undefined;
    const resolve = (name: string) => (name === 'iotexplorer-resource-uploader' ? api : name === './config' ? config : undefined);
    new Function('require', 'App', fs.readFileSync(path.join(mp, 'app.js'), 'utf8'))(resolve, (o: { onLaunch(): void }) => (app = o));
    expect(app).toBeDefined();
    const info = console.info;
    console.info = () => undefined;
    try {
      app!.onLaunch();
      const platform = new FakePlatform();
      platform.addFile('/a.bin', new Uint8Array([1, 2, 3]));
      const res = await api.uploadResource({ platform, filePath: '/a.bin', productId: config.productId, endpoint: ENDPOINT });
      expect(res.size).toBe(3);
      expect(platform.calls('AppGetResourceUploadURL')[0].json!.AccessToken).toBe(config.devToken);
    } finally {
      console.info = info;
      api.setAccessTokenProvider(null);
    }
  });

  test('it talks to the local emulator by default; the real service is one setting away', () => {
    const src = fs.readFileSync(path.join(DEMO, 'config.js'), 'utf8');
    expect(src).toMatch(/const target = 'emulator';/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(DEMO, 'config.js'));
    expect(config).toMatchObject({ endpoint: 'http://127.0.0.1:8787/api/exploreropen/tokenapi', productId: 'EMUPRODUCT', deviceId: 'EMUPRODUCT/dev-online' });
    expect(config.devToken.length).toBeGreaterThanOrEqual(8);
    const cloud = new Function('module', src.replace("const target = 'emulator';", "const target = 'cloud';") + '\nreturn module.exports;')({ exports: {} });
    expect(cloud.endpoint).toBe('https://iot.cloud.tencent.com/api/exploreropen/tokenapi');
  });

  test('the page shows the main configurations', () => {
    const wxml = fs.readFileSync(path.join(DEMO, 'pages/index/index.wxml'), 'utf8');
    const uses = wxml.match(/<resource-uploader[\s\S]*?(\/>|<\/resource-uploader>)/g) || [];
    expect(uses).toHaveLength(7);
    expect(uses.filter((u) => !/max-count|accept|device-id|locale|extension/.test(u))).toHaveLength(1); // single file, defaults
    expect(uses.some((u) => /extension="\{\{ audioExtensions \}\}"/.test(u) && /max-count/.test(u))).toBe(true);
    expect(uses.some((u) => /device-id=/.test(u) && /\sregister\b/.test(u))).toBe(true);
    expect(uses.some((u) => /locale="en"/.test(u))).toBe(true);
    // 0.2: the host's files, a total max-count, the before-upload veto, extension as a string, the error event.
    const ringtones = uses.find((u) => /files="\{\{ ringtones \}\}"/.test(u)) || '';
    expect(ringtones).toMatch(/\suse-before-upload\b/);
    expect(ringtones).toMatch(/bind:before-upload="onBeforeUpload"/);
    expect(ringtones).toMatch(/extension="mp3,wav"/);
    expect(ringtones).toMatch(/bind:error="onError"/);
    expect(uses.some((u) => /<\/resource-uploader>$/.test(u) && /class="demo__drop"/.test(u))).toBe(true);
    // 0.3: files stored by name, listed as host files (the playground fills them from the emulator).
    expect(uses.some((u) => /files="\{\{ storedFiles \}\}"/.test(u) && /deletable="\{\{ false \}\}"/.test(u))).toBe(true);
    const json = JSON.parse(fs.readFileSync(path.join(DEMO, 'pages/index/index.json'), 'utf8'));
    expect(json.usingComponents['resource-uploader']).toBe('iotexplorer-resource-uploader/resource-uploader/index');
  });

  test('project and app settings', () => {
    const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
    expect(project.miniprogramRoot).toBe('miniprogram/');
    const app = JSON.parse(fs.readFileSync(path.join(DEMO, 'app.json'), 'utf8'));
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(app.darkmode).toBe(true);
  });
});
