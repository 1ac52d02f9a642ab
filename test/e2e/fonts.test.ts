/**
 * The playground draws what a phone draws, with nothing but npm and no network: every character
 * on the phone comes from the Noto Sans SC the playground serves (a machine without a CJK font
 * would otherwise show empty boxes), and every vant icon from vant's own icon font (which vant
 * loads from a CDN: blank icons offline unless it is served locally).
 */
import { choose, fontsSettled, item, part, section, textOf, uploaderIn, usePlayground, waitForState, writeFile } from './harness';
import { renderedFonts } from './rendered-fonts';

jest.setTimeout(60000);

const isNoto = (family: string) => family.startsWith('Noto Sans SC');

const s = usePlayground(async (s) => {
  // A failed file shows the most icons at once: its type, retry and delete, next to the buttons' plus.
  const one = uploaderIn(section(s, 'One file'));
  const file = writeFile(s, 'wake-word.txt', 3_000, 31);
  await s.page.locator('.pg-panel [data-fault="put-5xx-beyond-retries"]').click();
  await s.page.locator('.pg-panel [data-pending-fault="bucket:http5xx"]').waitFor();
  await choose(s, one, [file]);
  await waitForState(one, file.name, 'failed', 20000);
  await item(one, file.name).locator(part('retry')).waitFor();
  await fontsSettled(s);
});

/** Han characters and CJK punctuation: what a machine without a CJK font draws as empty boxes. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/g;
const isIcon = (where: string) => /\.van-icon--van-icon-[a-z]/.test(where);

test('every character on the phone, Chinese and English, is drawn in the served Noto Sans SC', async () => {
  await textOf(s.page.locator('.pg-phone'), '选择文件');
  await textOf(s.page.locator('.pg-phone'), '上传失败');
  const texts = (await renderedFonts(s, '.pg-phone *')).filter((t) => !isIcon(t.where));
  // The demo's log is monospace: the machine's monospace font may draw its Latin letters, but
  // every Chinese character, there too, has to come from Noto Sans SC.
  const proportional = texts.filter((t) => !/\bmonospace\b/.test(t.fontFamily));
  expect(proportional.filter((t) => t.fonts.some((f) => !(f.webFont && isNoto(f.family))))).toEqual([]);
  const notoGlyphs = (t: { fonts: { family: string; webFont: boolean; glyphs: number }[] }) => t.fonts.filter((f) => f.webFont && isNoto(f.family)).reduce((n, f) => n + f.glyphs, 0);
  const cjkElsewhere = texts.filter((t) => notoGlyphs(t) < (t.text.match(CJK) ?? []).length);
  expect(cjkElsewhere).toEqual([]);
  expect(texts.reduce((n, t) => n + (t.text.match(CJK) ?? []).length, 0)).toBeGreaterThan(10);
});

test("every vant icon on the phone is a glyph of vant's icon font", async () => {
  const icons = (await renderedFonts(s, '.pg-phone [class*="van-icon-"]')).filter((t) => isIcon(t.where));
  // Four choosers' plus, and the failed file's type, retry and delete icons.
  expect(icons.length).toBeGreaterThanOrEqual(7);
  for (const name of ['plus', 'description', 'replay', 'delete-o']) expect(icons.some((t) => t.where.includes(`van-icon-${name}`))).toBe(true);
  const notVant = icons.filter((t) => t.fonts.length !== 1 || t.fonts[0].family !== 'vant-icon' || !t.fonts[0].webFont || t.fonts[0].glyphs !== 1);
  expect(notVant).toEqual([]);
  await expect(s.page.evaluate(() => document.body.dataset.iconFont)).resolves.toBe('loaded');
});

test('nothing of the page is fetched from outside the playground', async () => {
  // The harness refuses other origins; a page that asked for one would have a failed request.
  const outside = await s.page.evaluate((origin) => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(origin)), s.playground.emulator.origin);
  expect(outside).toEqual([]);
});
