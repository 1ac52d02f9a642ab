/**
 * The panel's phone controls: every uploader switched to English, the page in dark mode (WeChat's
 * theme APIs follow), and back. Also the overview picture of the whole playground.
 */
import { choose, eventually, item, usePlayground, part, screenshotPage, screenshotPhone, section, textOf, uploaderIn, waitForState, writeFile } from './harness';

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
  await eventually(() => s.page.locator('.pg-panel [data-fact="token"]').innerText(), (t) => expect(t).toBe('set (hidden)'));
  // The token itself is nowhere on the page.
  expect(await s.page.locator('body').innerText()).not.toContain(s.playground.emulator.token);
  await screenshotPage(s, 'playground', [s.page.locator('.pg-panel [data-fact="endpoint"]'), s.page.locator('.pg-panel [data-object-key] td:first-child'), s.page.locator('.pg-panel [data-panel="calls"] td')]);
});

test('English: the panel switches every uploader, and back to what the page says', async () => {
  const one = uploaderIn(section(s, 'One file'));
  // "One file" is full (max-count 1 holds the file uploaded above): its trigger is hidden; Voice prompts has room.
  const voice = uploaderIn(section(s, 'Voice prompts'));
  await s.page.locator('.pg-panel [data-choice="locale"] [data-value="en"]').click();
  await textOf(voice.locator(part('choose')), 'Choose a file');
  await textOf(item(one, 'bedtime-story.mp3').locator(part('status')), 'Uploaded');
  await screenshotPhone(s, 'english');

  await s.page.locator('.pg-panel [data-choice="locale"] [data-value=""]').click();
  await textOf(voice.locator(part('choose')), '选择文件');
  // The page's own English uploader stays English.
  await textOf(uploaderIn(section(s, 'English, photos')).locator(part('choose')), 'Choose an image');
});

test('dark mode: the page and the component follow, and so does wx.getSystemInfoSync().theme', async () => {
  const uploaderRoot = `${part('item')}`;
  const light = await backgroundOf(uploaderRoot);
  await s.page.locator('.pg-panel [data-choice="theme"] [data-value="dark"]').click();
  // index.wxss's dark item background, #2c2c2e.
  const dark = await eventually(() => backgroundOf(uploaderRoot), (b) => expect(b).toBe('rgb(44, 44, 46)'));
  expect(dark).not.toBe(light);
  await eventually(() => s.page.evaluate(() => (window as unknown as { wx: { getSystemInfoSync(): { theme: string } } }).wx.getSystemInfoSync().theme), (t) => expect(t).toBe('dark'));
  await screenshotPhone(s, 'dark');

  await s.page.locator('.pg-panel [data-choice="theme"] [data-value="light"]').click();
  await eventually(() => backgroundOf(uploaderRoot), (b) => expect(b).toBe(light));
});
