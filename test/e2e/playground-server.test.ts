/**
 * The playground's Node side without a browser: the virtual "Build npm", npm-style component
 * paths, rpx, the CommonJS wrapper, the fonts it serves, and the emulator's fallback routes on the shared port.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { startEmulator } from '../../emulator';
import { pagesOf, wrapCommonJs } from '../../playground/server/file-map';
import { localizeFontUrls, VANT_ICON_ROUTE } from '../../playground/server/fonts';
import { collectTree } from '../../playground/server/mp-tree';
import { DEMO_DIR, ROOT } from '../../playground/server/paths';
import { rpxToPx } from '../../playground/server/rpx';
import { startPlayground } from '../../playground/server';
import { resolveComponentPath } from '../../playground/server/using-components';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: bytes.toString('utf8'), bytes });
        });
      })
      .on('error', reject);
  });
}

test("vant's CDN icon font URLs (woff2 and woff, any query, any quotes) point at the local copy", () => {
  const vant = '@font-face{font-family:vant-icon;src:url(//at.alicdn.com/t/c/font_2553510_kfwma2yq1rs.woff2?t=1694918397022) format("woff2"),url("https://at.alicdn.com/t/c/font_2553510_kfwma2yq1rs.woff?t=1") format("woff")}';
  expect(localizeFontUrls(vant)).toBe(`@font-face{font-family:vant-icon;src:url(${VANT_ICON_ROUTE}) format("woff2"),url(${VANT_ICON_ROUTE}) format("woff")}`);
  expect(localizeFontUrls('a{background:url(//example.com/x.png)}')).toBe('a{background:url(//example.com/x.png)}');
});

test('rpx: 750rpx is the 375-px screen', () => {
  expect(rpxToPx('a{width:750rpx;margin:-20rpx 1.5rpx}')).toBe('a{width:375px;margin:-10px 0.75px}');
  expect(rpxToPx('b{width:10px}')).toBe('b{width:10px}');
});

test('the CommonJS wrapper declares exports after "use strict", never before it', () => {
  const wrapped = wrapCommonJs('"use strict";\nexports.a = 1;', 'x/y.js');
  expect(wrapped.startsWith('"use strict";var exports = module.exports;')).toBe(true);
  const mod = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line no-new-func
  new Function('require', 'module', wrapped)(() => undefined, mod);
  expect(mod.exports).toEqual({ a: 1 });
  expect(wrapCommonJs('exports.b = 2;', 'z.js').startsWith('var exports = module.exports;exports.b')).toBe(true);
});

test('component paths resolve like WeChat: relative first, then miniprogram_npm upwards', () => {
  const files = new Set(['pages/index/local/index.json', 'miniprogram_npm/@vant/weapp/button/index.json', 'miniprogram_npm/pkg/index.json', 'pages/miniprogram_npm/near/index.json']);
  const exists = (p: string) => files.has(p);
  expect(resolveComponentPath('local/index', 'pages/index', exists)).toBe('local/index');
  expect(resolveComponentPath('@vant/weapp/button/index', 'pages/index', exists)).toBe('/miniprogram_npm/@vant/weapp/button/index');
  expect(resolveComponentPath('pkg', 'pages/index', exists)).toBe('/miniprogram_npm/pkg/index');
  expect(resolveComponentPath('near/index', 'pages/index', exists)).toBe('/pages/miniprogram_npm/near/index');
  expect(resolveComponentPath('../x/index', 'pages/index', exists)).toBe('../x/index');
  expect(resolveComponentPath('missing/index', 'pages/index', exists)).toBe('missing/index');
});

test('the virtual "Build npm" serves the built package and vant, never the sources or the old copy', () => {
  const tree = collectTree(DEMO_DIR, ROOT);
  expect(pagesOf(tree)).toContain('pages/index/index');
  const ours = [...tree.keys()].filter((p) => p.startsWith('miniprogram_npm/iotexplorer-resource-uploader/'));
  const built = fs
    .readdirSync(path.join(ROOT, 'miniprogram_dist'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(js|json|wxml|wxss|wxs)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => `miniprogram_npm/iotexplorer-resource-uploader/${f.split(path.sep).join('/')}`);
  expect(ours.sort()).toEqual(built.sort());
  expect(tree.get('miniprogram_npm/iotexplorer-resource-uploader/resource-uploader/index.js')).toBe(path.join(ROOT, 'miniprogram_dist/resource-uploader/index.js'));
  expect(tree.get('miniprogram_npm/@vant/weapp/button/index.js')).toBe(path.join(ROOT, 'node_modules/@vant/weapp/lib/button/index.js'));
  expect([...tree.values()].some((f) => f.includes(`${path.sep}miniprogram_npm${path.sep}`))).toBe(false);
});

describe('one port', () => {
  test('unsigned GETs reach the fallback; signed ones, POSTs and declined paths reach the emulator', async () => {
    const seen: string[] = [];
    const emu = await startEmulator({
      fallback: (req, res) => {
        seen.push(req.url ?? '');
        if (!req.url?.startsWith('/mine')) return false;
        res.end('mine');
        return true;
      },
    });
    try {
      expect((await get(emu.origin + '/mine')).body).toBe('mine');
      // Declined: the emulator answers as before (its `/` info, the bucket's refusal).
      expect(JSON.parse((await get(emu.origin + '/')).body)).toMatchObject({ name: 'iotexplorer-emulator' });
      expect((await get(emu.origin + '/other')).status).toBe(403);
      // A signed bucket URL never goes to the fallback, whatever its path.
      const signed = emu.presignUrl({ method: 'GET', key: 'mine/object' });
      expect((await get(signed)).status).toBe(404);
      expect((await get(emu.origin + '/mine/object', { authorization: 'q-sign-algorithm=sha1' })).status).toBe(403);
      expect((await get(emu.origin + '/__emulator/state')).status).toBe(200);
      const post = await new Promise<number>((resolve, reject) => {
        const req = http.request(emu.origin + '/mine', { method: 'POST' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(post).toBe(405);
      expect(seen).toEqual(['/mine', '/', '/other']);
    } finally {
      await emu.stop();
    }
  });

  test('the playground serves its page, simulate, the file map and the client from the emulator port', async () => {
    const pg = await startPlayground({ port: 0 });
    try {
      const page = await get(pg.url);
      expect(page.status).toBe(200);
      expect(page.body).toContain('/playground/mp.js');
      const fileMap = await get(pg.emulator.origin + '/playground/mp.js');
      expect(fileMap.type).toContain('javascript');
      expect(fileMap.body).toContain('"miniprogram_npm/iotexplorer-resource-uploader/resource-uploader/index.json"');
      expect(fileMap.body).toContain('compileTemplates: function');
      expect((await get(pg.emulator.origin + '/playground/client.js')).body).toContain('sourceMappingURL=data:');
      expect((await get(pg.emulator.origin + '/playground/simulate.js')).status).toBe(200);
      expect((await get(pg.emulator.origin + '/playground/nothing.js')).status).toBe(403);
    } finally {
      await pg.stop();
    }
  });

  test('the fonts a phone has come from npm: Noto Sans SC and vant\'s icon font, which no page fetches from the CDN', async () => {
    const pg = await startPlayground({ port: 0 });
    try {
      const page = await get(pg.url);
      expect(page.body).toContain('/playground/fonts.css');
      const css = await get(pg.emulator.origin + '/playground/fonts.css');
      expect(css.type).toContain('text/css');
      const files = [...css.body.matchAll(/url\(([^)]+\.woff2)\)/g)].map((m) => m[1]);
      expect(files.length).toBeGreaterThan(100);
      expect(files.every((f) => f.startsWith('/playground/fonts/noto-sans-sc/files/'))).toBe(true);
      const subset = await get(pg.emulator.origin + files[0]);
      expect([subset.status, subset.type, subset.bytes.subarray(0, 4).toString('latin1')]).toEqual([200, 'font/woff2', 'wOF2']);
      const icons = await get(pg.emulator.origin + VANT_ICON_ROUTE);
      expect([icons.status, icons.type, icons.bytes.subarray(0, 4).toString('latin1')]).toEqual([200, 'font/woff2', 'wOF2']);
      // The route serves font files by name and nothing else of the package or the disk.
      for (const probe of ['/playground/fonts/noto-sans-sc/files/../package.json', '/playground/fonts/noto-sans-sc/files/%2e%2e%2fpackage.json', '/playground/fonts/noto-sans-sc/files/noto-sans-sc-0-400-normal.woff']) {
        expect((await get(pg.emulator.origin + probe)).status).not.toBe(200);
      }
      const fileMap = (await get(pg.emulator.origin + '/playground/mp.js')).body;
      expect(fileMap).toContain(`url(${VANT_ICON_ROUTE})`);
      expect(fileMap).not.toContain('alicdn');
    } finally {
      await pg.stop();
    }
  });

  test('a demo that cannot be served fails at start with the reason', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-demo-'));
    fs.writeFileSync(path.join(empty, 'package.json'), '{"dependencies":{}}');
    try {
      await expect(startPlayground({ port: 0, demoDir: empty })).rejects.toThrow('no app.json');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

test('deliveries: asked-for resources with what the device has', async () => {
  const emu = await startEmulator({ deliveryDelayMs: 0 });
  try {
    expect(emu.deliveries()).toEqual([]);
    const call = async (body: object) =>
      JSON.parse(
        await new Promise<string>((resolve, reject) => {
          const req = http.request(emu.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString('utf8')));
            res.on('end', () => resolve(text));
          });
          req.on('error', reject);
          req.end(JSON.stringify({ AccessToken: emu.token, RequestId: String(Math.random()), ...body }));
        }),
      ) as { code: number };
    const upload = await call({ Action: 'AppGetResourceUploadURL', ProductId: emu.productId, UserResourceName: 'n1', FileSize: 3, ResourceVer: '1.0.0' });
    expect(upload.code).toBe(0);
    const url = (upload as unknown as { data: { UploadUrl: string } }).data.UploadUrl;
    await new Promise<void>((resolve, reject) => {
      const req = http.request(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(Buffer.from('abc'));
    });
    const created = (await call({ Action: 'AppCreateProductResource', ProductId: emu.productId, UserResourceName: 'n1', FileSize: 3, ResourceVer: '1.0.0', FileHash: '900150983cd24fb0d6963f7d28e17f72', ResourceType: 'FILE' })) as unknown as { data: { ResourceName: string } };
    const resourceName = created.data.ResourceName;
    await call({ Action: 'AppControlDeviceResource', DeviceId: emu.devices.online, ResourceName: resourceName, ResourceVer: '1.0.0', Method: 'update' });
    await call({ Action: 'AppControlDeviceResource', DeviceId: emu.devices.offline, ResourceName: resourceName, ResourceVer: '1.0.0', Method: 'update' });
    expect(emu.deliveries()).toEqual([
      { deviceId: emu.devices.online, resourceName, resourceVer: '1.0.0', delivered: true },
      { deviceId: emu.devices.offline, resourceName, resourceVer: '1.0.0', delivered: false },
    ]);
  } finally {
    await emu.stop();
  }
});
