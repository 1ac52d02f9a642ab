/**
 * The panel's phone controls: every uploader switched to English, the page in dark mode (WeChat's
 * theme APIs follow), and back. Also the overview picture of the whole playground.
 */
import { choose, item, usePlayground, part, screenshotPage, screenshotPhone, section, uploaderIn, waitForState, writeFile } from './harness';

jest.setTimeout(90000);

const s = usePlayground(async (s) => {
  const one = uploaderIn(section(s, 'One file'));
  const file = writeFile(s, 'bedtime-story.mp3', 120_000, 21);
  await choose(s, one, [file]);
  await waitForState(one, file.name, 'done');
  await s.page.locator(`.pg-panel [data-md5="${file.md5}"]`).waitFor();
});

function backgroundOf(selector: string): Promise<string> {
  return s.page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
}

test('the playground: phone and emulator panel side by side', async () => {
  await expect(s.page.locator('.pg-panel [data-fact="token"]').innerText()).resolves.toBe('set (hidden)');
  // The token itself is nowhere on the page.
  expect(await s.page.locator('body').innerText()).not.toContain(s.playground.emulator.token);
  await screenshotPage(s, 'playground', [s.page.locator('.pg-panel [data-fact="endpoint"]'), s.page.locator('.pg-panel [data-object-key] td:first-child'), s.page.locator('.pg-panel [data-panel="calls"] td')]);
});

test('English: the panel switches every uploader, and back to what the page says', async () => {
  const one = uploaderIn(section(s, 'One file'));
  // "One file" is full (max-count 1 holds the file uploaded above): its trigger is hidden; Voice prompts has room.
  const voice = uploaderIn(section(s, 'Voice prompts'));
  await s.page.locator('.pg-panel [data-choice="locale"] [data-value="en"]').click();
  await expect(voice.locator(part('choose')).innerText()).resolves.toContain('Choose a file');
  await expect(item(one, 'bedtime-story.mp3').locator(part('status')).innerText()).resolves.toContain('Uploaded');
  await screenshotPhone(s, 'english');

  await s.page.locator('.pg-panel [data-choice="locale"] [data-value=""]').click();
  await expect(voice.locator(part('choose')).innerText()).resolves.toContain('选择文件');
  // The page's own English uploader stays English.
  await expect(uploaderIn(section(s, 'English, photos')).locator(part('choose')).innerText()).resolves.toContain('Choose an image');
});

test('dark mode: the page and the component follow, and so does wx.getSystemInfoSync().theme', async () => {
  const uploaderRoot = `${part('item')}`;
  const light = await backgroundOf(uploaderRoot);
  await s.page.locator('.pg-panel [data-choice="theme"] [data-value="dark"]').click();
  const dark = await backgroundOf(uploaderRoot);
  expect(dark).not.toBe(light);
  // index.wxss's dark item background, #2c2c2e.
  expect(dark).toBe('rgb(44, 44, 46)');
  await expect(s.page.evaluate(() => (window as unknown as { wx: { getSystemInfoSync(): { theme: string } } }).wx.getSystemInfoSync().theme)).resolves.toBe('dark');
  await screenshotPhone(s, 'dark');

  await s.page.locator('.pg-panel [data-choice="theme"] [data-value="light"]').click();
  expect(await backgroundOf(uploaderRoot)).toBe(light);
});
