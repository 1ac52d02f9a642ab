/**
 * Previews and ringtones in Chromium, through the playground's demo page and the built component:
 * a photo's thumbnail opens full screen (`wx.previewMedia`), the ringtone section shows the current
 * ringtone from `files`, asks before uploading (`use-before-upload` + `wx.showModal`), and a chosen
 * ringtone plays and stops through the app's one audio context.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { choose, item, part, screenshotPhone, scrollPhoneTo, section, TestFile, textOf, uploaderIn, usePlayground, waitForState } from './harness';
import { Rgb, writePng } from './png';

jest.setTimeout(90000);

const s = usePlayground();

/** A real, playable WAV: 16-bit mono PCM at 8 kHz, `ms` long, a quiet 440 Hz tone. */
function wav(name: string, ms: number): TestFile {
  const rate = 8000;
  const samples = Math.round((rate * ms) / 1000);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  const file = path.join(s.filesDir, name);
  const bytes = Buffer.concat([head, data]);
  fs.writeFileSync(file, bytes);
  return { path: file, name, bytes, md5: createHash('md5').update(bytes).digest('hex') };
}

/** The colours at `points` (CSS pixels) of a PNG screenshot, read back through the page's own canvas. */
async function coloursIn(page: Page, png: Buffer, points: Array<[number, number]>): Promise<Rgb[]> {
  return page.evaluate(
    async ({ base64, points }) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + base64;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const scale = img.naturalWidth / (img.width || img.naturalWidth);
      return points.map(([x, y]) => Array.from(ctx.getImageData(Math.floor(x * scale), Math.floor(y * scale), 1, 1).data.slice(0, 3)) as Rgb);
    },
    { base64: png.toString('base64'), points },
  );
}

test('a photo thumbnail draws the picked picture, cropped to fill its square (aspectFill)', async () => {
  const photos = uploaderIn(section(s, 'English, photos'));
  // Three squares side by side, blue | orange | blue. aspectFill scales it to the box's height and
  // crops the sides: only orange shows. scaleToFill or aspectFit would show blue, an empty box
  // the track colour.
  const orange: Rgb = [232, 93, 24];
  const photo = writePng(s.filesDir, 'orange-wall.png', 96, 32, (x) => (x >= 32 && x < 64 ? orange : [30, 90, 200]));
  // The only photo in the list so far (chooseMedia gives no names: the row shows the temp path's).
  await choose(s, photos, [photo]);
  const picture = photos.locator(part('thumb-image'));
  await picture.waitFor();
  // The element shows the picked file's bytes, through an object URL of the temp path.
  const background = await picture.evaluate(async (el) => {
    const box = (el.firstElementChild ?? el) as HTMLElement;
    const style = getComputedStyle(box);
    const url = /^url\("(.*)"\)$/.exec(style.backgroundImage)?.[1] ?? '';
    const bytes = url ? new Uint8Array(await (await fetch(url)).arrayBuffer()) : new Uint8Array(0);
    return { url, size: style.backgroundSize, position: style.backgroundPosition, length: bytes.length };
  });
  expect(background).toEqual({ url: expect.stringMatching(/^blob:/), size: 'cover', position: '50% 50%', length: photo.bytes.length });
  const box = await picture.boundingBox();
  expect(box && box.width).toBeGreaterThan(20);
  const { width, height } = box!;
  const shot = await picture.screenshot({ animations: 'disabled' });
  const colours = await coloursIn(s.page, shot, [
    [width / 2, height / 2],
    [width / 2, 3],
    [width / 2, height - 4],
    [4, height / 2],
    [width - 5, height / 2],
  ]);
  for (const colour of colours) colour.forEach((channel, i) => expect(Math.abs(channel - orange[i])).toBeLessThanOrEqual(4));

  // The README's picture: a second photo, both uploaded.
  const sunset = writePng(s.filesDir, 'sunset.png', 160, 120, (x, y) => {
    const t = y / 119;
    const sun = Math.hypot(x - 110, y - 70) < 18 ? 1 : 0;
    return sun ? [255, 236, 170] : [250 - 120 * t, 150 - 90 * t + x * 0.2, 90 + 60 * t];
  });
  await choose(s, photos, [sunset]);
  await picture.nth(1).waitFor();
  await photos.locator(`${part('start')} wx-button`).click();
  await photos.locator(part('item--done')).nth(1).waitFor();
  await scrollPhoneTo(section(s, 'English, photos'));
  await screenshotPhone(s, 'photos');
});

test('a photo shows a thumbnail; tapping it opens the full-screen preview', async () => {
  const photos = uploaderIn(section(s, 'English, photos'));
  const photo = writePng(s.filesDir, 'porch-preview.png', 120, 90, (x, y) => [60 + x, 140 + y / 2, 80]);
  await choose(s, photos, [photo]);
  const thumb = photos.locator(part('thumb')).first();
  await thumb.waitFor();
  await thumb.click();
  const viewer = s.page.locator('.pg-media-viewer img');
  await viewer.waitFor();
  await expect(viewer.getAttribute('src')).resolves.toMatch(/^blob:/);
  await s.page.locator('.pg-media-viewer').click();
  await s.page.locator('.pg-media-viewer').waitFor({ state: 'detached' });
});

test('ringtones: the current one from files, a question before upload, play and stop', async () => {
  const ringtones = uploaderIn(section(s, 'Ringtones on the device'));
  await expect(ringtones.locator(part('item--host')).innerText()).resolves.toContain('current-ring.mp3');

  // Refused in the question: nothing is sent, the notice says so.
  const no = wav('no-thanks.wav', 300);
  const callsBefore = s.playground.emulator.calls.length;
  await choose(s, ringtones, [no]);
  await s.page.locator('.pg-phone .pg-modal').waitFor();
  await s.page.locator('.pg-phone .pg-modal .pg-modal__button--cancel').click();
  await expect(ringtones.locator(part('notices')).innerText()).resolves.toContain('no-thanks.wav');
  expect(await item(ringtones, 'no-thanks.wav').count()).toBe(0);
  expect(s.playground.emulator.calls.length).toBe(callsBefore);

  // Accepted: uploaded, then it plays and stops.
  const yes = wav('chime.wav', 3000);
  await choose(s, ringtones, [yes]);
  await s.page.locator('.pg-phone .pg-modal .pg-modal__button--confirm').click();
  await waitForState(ringtones, 'chime.wav', 'done');
  const row = item(ringtones, 'chime.wav');
  const play = row.locator(part('play'));
  const playing = row.locator(part('play--on'));
  // Played to its end: the button turns back by itself on the audio's 'ended', 3 s later (an
  // error would turn it back at once).
  const started = Date.now();
  await play.click();
  await playing.waitFor();
  await scrollPhoneTo(section(s, 'Ringtones on the device'));
  await screenshotPhone(s, 'ringtones');
  await playing.waitFor({ state: 'detached', timeout: 15000 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
  // Stopped by a second tap.
  await play.click();
  await playing.waitFor();
  await play.click();
  await playing.waitFor({ state: 'detached' });
  // The list is full now (max-count 2): the trigger is gone.
  expect(await ringtones.locator(part('choose')).count()).toBe(0);

  // Removing the current ringtone: the page finds it with the package's own hostFileIndex
  // (required by name from a page file, as in WeChat) and drops it from the list it passes in.
  await ringtones.locator(`${part('item--host')} ${part('remove')}`).click();
  await textOf(section(s, 'Events'), 'remove {"name":"current-ring.mp3"}');
  await ringtones.locator(part('item--host')).waitFor({ state: 'detached' });
  await ringtones.locator(part('choose')).waitFor();
});
