/**
 * End-to-end harness: the playground and its emulator on a free port, a Chromium (the one
 * `browser/find-browser.ts` picks) driven by playwright-core with a fresh profile, real files on disk
 * to pick, and helpers that read the page the way a user sees it. Everything it starts, `close()` stops.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../../browser/launch';
import { screenshotsDir } from '../../browser/screenshots-dir';
import { Playground, startPlayground } from '../../playground/server';

/** Fixed so resource names (which hold the user id) and screenshots are the same on every run. */
const UID = '10000000000000001';
const STEP_TIMEOUT = 15000;

export interface Session {
  playground: Playground;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page, for a test to assert there were none. */
  pageErrors: string[];
  /** The page's console lines. */
  consoleLines: string[];
  /** A folder for the files a test writes and picks. */
  filesDir: string;
  close(): Promise<void>;
}

export async function openPlayground(query = ''): Promise<Session> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'uploader-e2e-'));
  const filesDir = path.join(scratch, 'files');
  fs.mkdirSync(filesDir);
  let playground: Playground | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    await playground?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    playground = await startPlayground({ port: 0, emulator: { uid: UID } });
    context = (await launchBrowser(path.join(scratch, 'profile'), { viewport: { width: 1280, height: 900 } })).context;
    context.setDefaultTimeout(STEP_TIMEOUT);
    const origin = playground.emulator.origin;
    // Offline and deterministic: nothing but the playground's own origin (it serves the fonts too).
    await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    const consoleLines: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.goto(playground.url + query);
    await page.waitForFunction(() => document.body.dataset.playground === 'ready' || document.body.dataset.playground === 'failed');
    if ((await page.evaluate(() => document.body.dataset.playground)) !== 'ready') {
      throw new Error(`the playground did not start: ${await page.locator('.pg-fatal').innerText()}`);
    }
    return { playground, context, page, pageErrors, consoleLines, filesDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * One browser session for a whole spec file: opened before its tests (then `prepare`d), closed
 * after them, and no uncaught page error allowed in any test. The object is filled in place, so
 * a spec can hold it in a `const` from the start.
 */
export function usePlayground(prepare?: (s: Session) => Promise<void>): Session {
  const s = {} as Session;
  beforeAll(async () => {
    Object.assign(s, await openPlayground());
    if (prepare) await prepare(s);
  });
  afterAll(async () => {
    if (s.close) await s.close();
  });
  afterEach(() => {
    expect(s.pageErrors).toEqual([]);
  });
  return s;
}

/**
 * Reads the page (or the emulator) until `check` passes, and returns what passed. Every read of
 * something the page changes goes through here or a locator wait: the page renders on its own
 * schedule, and a read that does not wait fails on a slower machine. `check` asserts with
 * `expect`, so a timeout reports the last value the way a plain assertion would.
 */
export async function eventually<T>(read: () => T | Promise<T>, check: (value: T) => void, timeout = STEP_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    // The next animation frame at most: the page cannot change faster than it renders.
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
}

/** Waits until `where`'s text contains `text` (or matches it). */
export async function textOf(where: Locator, text: string | RegExp, timeout = STEP_TIMEOUT): Promise<string> {
  return eventually(
    () => where.innerText({ timeout }),
    (t) => (typeof text === 'string' ? expect(t).toContain(text) : expect(t).toMatch(text)),
    timeout,
  );
}

/** Bytes that look like nothing in particular, the same for the same seed (xorshift32). */
export function bytesOf(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export interface TestFile {
  path: string;
  name: string;
  bytes: Buffer;
  md5: string;
}

/** Writes a real file the page can pick. */
export function writeFile(s: Session, name: string, size: number, seed: number): TestFile {
  const bytes = bytesOf(size, seed);
  const file = path.join(s.filesDir, name);
  fs.writeFileSync(file, bytes);
  return { path: file, name, bytes, md5: createHash('md5').update(bytes).digest('hex') };
}

/** A demo section by its title, and the uploader inside it. */
export function section(s: Session, title: string): Locator {
  return s.page.locator('[class*="demo__section"]', { has: s.page.locator('[class*="demo__title"]', { hasText: title }) });
}

export function uploaderIn(where: Locator): Locator {
  return where.locator('resource-uploader');
}

/** Taps the uploader's own button and picks `files` in the browser's file dialog. */
export async function choose(s: Session, uploader: Locator, files: TestFile[]): Promise<void> {
  const chooser = s.page.waitForEvent('filechooser');
  // The vant button's full-size ::before layer receives the click, so click the button itself.
  await uploader.locator(`${part('choose')} wx-button`).click();
  await (await chooser).setFiles(files.map((f) => f.path));
}

export type ItemState = 'waiting' | 'paused' | 'hashing' | 'signing' | 'uploading' | 'registering' | 'delivering' | 'done' | 'failed' | 'aborted';

/**
 * An element of the component by its BEM name (`item`, `item--done`, `retry`…). simulate scopes
 * a component's classes with its tag name, so `ru-item` is rendered as
 * `resource-uploader--ru-item`.
 */
export function part(name: string): string {
  return `[class~="resource-uploader--ru-${name}"]`;
}

/** The list item of a file, by name. */
export function item(uploader: Locator, name: string): Locator {
  return uploader.locator(part('item'), { has: uploader.page().locator(part('name'), { hasText: name }) });
}

export async function waitForState(uploader: Locator, name: string, state: ItemState, timeout = STEP_TIMEOUT): Promise<void> {
  await item(uploader, name).and(uploader.locator(part(`item--${state}`))).waitFor({ timeout });
}

/** Clicks a panel button (faults, actions, toggles) by its data attribute. */
export async function panelButton(s: Session, selector: string): Promise<void> {
  await s.page.locator(`.pg-panel ${selector}`).click();
}

/** Scrolls the phone so `where` sits at the top of the screen. */
export async function scrollPhoneTo(where: Locator): Promise<void> {
  await where.evaluate((el) => {
    const screen = el.closest('.pg-screen') as HTMLElement;
    screen.scrollTop = el.getBoundingClientRect().top - screen.getBoundingClientRect().top + screen.scrollTop - 12;
  });
}

export async function scrollPhoneToTop(s: Session): Promise<void> {
  await s.page.locator('.pg-screen').evaluate((el) => (el.scrollTop = 0));
}

/**
 * Waits until every font the page's current text needs has loaded: a subset of the CJK font is
 * fetched when a character of it first appears, so a picture taken right away could show none.
 */
export async function fontsSettled(s: Session): Promise<void> {
  await s.page.evaluate(async () => {
    void document.body.offsetHeight; // lay out the newest text, which starts its font loads
    await document.fonts.ready;
  });
}

/**
 * Where pictures go: `docs/screenshots/` for `npm run screenshots` (the README's), a temp folder
 * for the tests, so a test run changes no tracked file.
 */
function picturePath(name: string): string {
  const dir = screenshotsDir();
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** A PNG of the phone (`<name>.png`; the README's when taken by `npm run screenshots`). */
export async function screenshotPhone(s: Session, name: string): Promise<void> {
  await fontsSettled(s);
  await s.page.locator('.pg-phone').screenshot({ path: picturePath(name), animations: 'disabled' });
}

/**
 * A PNG of the whole playground. `mask` covers what differs on every run (the port, the
 * emulator's random key prefixes), so an unchanged UI gives an unchanged file.
 */
export async function screenshotPage(s: Session, name: string, mask: Locator[] = []): Promise<void> {
  await fontsSettled(s);
  await s.page.screenshot({ path: picturePath(name), animations: 'disabled', mask, maskColor: '#dfe2e6' });
}

/** What the emulator stored for a file: found by its MD5, read back whole. */
export function storedBytes(s: Session, md5: string): Buffer {
  const objects = s.playground.emulator.objects().filter((o) => o.md5 === md5);
  if (objects.length !== 1) throw new Error(`expected one stored object with MD5 ${md5}, found ${objects.length}`);
  return s.playground.emulator.readObject(objects[0].key);
}

/** The emulator's call log in a compact form: `AppGetResourceUploadURL 200`, `PUT 503`… */
export function callSummary(s: Session): string[] {
  return s.playground.emulator.calls.map((c) =>
    c.type === 'api' ? `${c.action} ${c.status}${c.errorCode ? ' ' + c.errorCode : ''}` : `${c.method} ${c.status}${c.errorCode ? ' ' + c.errorCode : ''}`,
  );
}
