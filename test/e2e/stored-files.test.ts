/**
 * Issue 20 in Chromium: a file uploaded through the demo page shows up in its "Stored files"
 * section (the emulator's objects as host `files`, by userResourceName and resourceVer, no url);
 * tapping it asks the token API for a download URL and opens or plays that signed GET URL, whose
 * bytes are the file's.
 */
import { choose, eventually, item, part, section, uploaderIn, usePlayground, waitForState, writeFile } from './harness';
import { writePng } from './png';

jest.setTimeout(90000);

const s = usePlayground();

const downloads = () => s.playground.emulator.calls.filter((c) => c.type === 'api' && c.action === 'AppGetResourceDownloadUrl');

test('an uploaded image: previewed from Stored files through its signed GET URL, the same bytes', async () => {
  const one = uploaderIn(section(s, 'One file'));
  const photo = writePng(s.filesDir, 'stored-porch.png', 64, 48, (x, y) => [x * 3, 200 - y * 2, 90]);
  await choose(s, one, [photo]);
  await waitForState(one, photo.name, 'done');

  // The panel polls the emulator once a second and hands its objects to the page.
  const stored = uploaderIn(section(s, 'Stored files'));
  const row = item(stored, `${photo.md5}.png`);
  await row.waitFor();
  expect(downloads()).toHaveLength(0);
  await row.locator(part('thumb--icon')).click();
  const viewer = s.page.locator('.pg-media-viewer img');
  await viewer.waitFor();
  const src = (await viewer.getAttribute('src')) || '';
  expect(src.indexOf(s.playground.emulator.origin + '/')).toBe(0);
  expect(src).toMatch(/[?&]sign=.*q-signature%3D[0-9a-f]{40}/);
  expect(downloads()).toHaveLength(1);
  const got = await fetch(src);
  expect(got.status).toBe(200);
  expect(Buffer.from(await got.arrayBuffer()).equals(photo.bytes)).toBe(true);
  await s.page.locator('.pg-media-viewer').click();
  await s.page.locator('.pg-media-viewer').waitFor({ state: 'detached' });

  // A second tap reuses the URL: no second call.
  await row.locator(part('thumb--icon')).click();
  await viewer.waitFor();
  await expect(viewer.getAttribute('src')).resolves.toBe(src);
  expect(downloads()).toHaveLength(1);
  await s.page.locator('.pg-media-viewer').click();
});

test('an uploaded sound: played from Stored files, the player fetches the stored object', async () => {
  // 'One file' holds the image now (max-count 1): the voice prompts take the sound.
  const voice = uploaderIn(section(s, 'Voice prompts'));
  const sound = writeFile(s, 'stored-chime.wav', 24_000, 7);
  await choose(s, voice, [sound]);
  await waitForState(voice, sound.name, 'done');
  const stored = uploaderIn(section(s, 'Stored files'));
  const row = item(stored, `${sound.md5}.wav`);
  await row.waitFor();
  const before = downloads().length;
  await row.locator(part('play')).click();
  // The audio element loads the signed URL: the bucket sees a GET of this object, answered.
  await eventually(
    () => s.playground.emulator.calls.filter((c) => c.type === 'bucket' && c.method === 'GET' && c.key.indexOf(`_RES_${sound.md5}_`) !== -1 && (c.status === 200 || c.status === 206)).length,
    (n) => expect(n).toBeGreaterThan(0),
  );
  expect(downloads().length).toBe(before + 1);
});
