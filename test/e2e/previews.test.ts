/**
 * Previews and ringtones in Chromium, through the playground's demo page and the built component:
 * a photo's thumbnail opens full screen (`wx.previewMedia`), the ringtone section shows the current
 * ringtone from `files`, asks before uploading (`use-before-upload` + `wx.showModal`), and a chosen
 * ringtone plays and stops through the app's one audio context.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { choose, item, part, screenshotPhone, scrollPhoneTo, section, TestFile, uploaderIn, usePlayground, waitForState, writeFile } from './harness';

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

test('a photo shows a thumbnail; tapping it opens the full-screen preview', async () => {
  const photos = uploaderIn(section(s, 'English, photos'));
  const photo = writeFile(s, 'porch-preview.png', 30_000, 21);
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
});
