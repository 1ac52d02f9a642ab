/**
 * The built component on glass-easel (WeChat's own component framework, here on its DOM backend)
 * in the packaged Chromium: a real mouse click on its button, the browser's file dialog, and the
 * upload to the emulator through to "uploaded", the same bytes stored. The page is our own
 * (glass-easel-page/), on the emulator's 127.0.0.1 port.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../browser/launch';
import { GlassEaselPage, startGlassEaselPage } from './glass-easel-page/server';
import { bytesOf, part } from './harness';

jest.setTimeout(90000);

let served: GlassEaselPage;
let context: BrowserContext;
let page: Page;
let scratch: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'uploader-ge-'));
  served = await startGlassEaselPage();
  context = (await launchBrowser(path.join(scratch, 'profile'), { viewport: { width: 480, height: 800 } })).context;
  context.setDefaultTimeout(15000);
  // Offline: nothing but the page's own origin (vant's icon font stays unloaded).
  await context.route('**/*', (route) => (route.request().url().startsWith(served.emulator.origin) ? route.continue() : route.abort()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
  await page.goto(served.url);
  await page.waitForFunction(() => document.body.dataset.ge === 'ready' || document.body.dataset.ge === 'failed');
  if ((await page.evaluate(() => document.body.dataset.ge)) !== 'ready') throw new Error(`the page did not start: ${await page.locator('.ge-fatal').innerText()}`);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await served?.stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test('a click on the built component, rendered by glass-easel, uploads a chosen file to "uploaded"', async () => {
  const uploader = page.locator('resource-uploader');
  // glass-easel's mark on a component's host node: this is not simulate's renderer.
  expect(await uploader.getAttribute('wx-host')).toBe('resource-uploader');
  const bytes = bytesOf(120_000, 7);
  const file = path.join(scratch, 'doorbell.mp3');
  fs.writeFileSync(file, bytes);
  const md5 = createHash('md5').update(bytes).digest('hex');

  const chooser = page.waitForEvent('filechooser');
  await uploader.locator(`${part('choose')} button`).click();
  await (await chooser).setFiles(file);

  await uploader.locator(part('item--done')).waitFor();
  await expect(uploader.locator(part('status')).innerText()).resolves.toContain('上传成功');
  const events = (await page.evaluate(() => (window as unknown as { __GE_EVENTS__: Array<{ type: string; detail: Record<string, unknown> }> }).__GE_EVENTS__)) ?? [];
  expect(events.map((e) => e.type)).toEqual(['select', 'progress', 'progress', 'progress', 'success', 'complete']);
  expect(events[4].detail).toMatchObject({ name: 'doorbell.mp3', size: bytes.length, md5 });
  expect(events[5].detail).toEqual({ succeeded: 1, failed: 0 });
  const stored = served.emulator.objects().filter((o) => o.md5 === md5);
  expect(stored).toHaveLength(1);
  expect(served.emulator.readObject(stored[0].key).equals(bytes)).toBe(true);
  expect(pageErrors).toEqual([]);
});
