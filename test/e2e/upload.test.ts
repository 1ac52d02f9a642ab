/**
 * The demo page in Chromium, uploading real files through the built component to the emulator:
 * each state on screen, identical bytes stored, a batch, and a file refused before any request.
 */
import { callSummary, choose, eventually, item, usePlayground, part, screenshotPhone, scrollPhoneTo, scrollPhoneToTop, section, storedBytes, textOf, uploaderIn, waitForState, writeFile } from './harness';

jest.setTimeout(90000);

const s = usePlayground();

test('idle: every uploader offers its chooser, nothing listed yet', async () => {
  const one = uploaderIn(section(s, 'One file'));
  await textOf(one.locator(part('choose')), '选择文件');
  // Only the demo's current ringtone, from its `files` property.
  expect(await s.page.locator(`${part('item')}:not(${part('item--host')})`).count()).toBe(0);
  expect(s.playground.emulator.calls).toEqual([]);
  await screenshotPhone(s, 'idle');
});

test('one file: uploading, then done, and the emulator holds the same bytes', async () => {
  const one = uploaderIn(section(s, 'One file'));
  const file = writeFile(s, 'greeting.wav', 180_000, 1);
  // Through the panel, as a developer would: the next PUT is held 3 s, long enough to see it run.
  await s.page.locator('.pg-panel [data-fault="put-slow"]').click();
  await s.page.locator('.pg-panel [data-pending-fault="bucket:delay"]').waitFor();

  await choose(s, one, [file]);
  await waitForState(one, file.name, 'uploading');
  await textOf(item(one, file.name).locator(part('status')), '上传中');
  await screenshotPhone(s, 'uploading');

  await waitForState(one, file.name, 'done');
  await textOf(item(one, file.name).locator(part('status')), '上传成功');
  expect(storedBytes(s, file.md5).equals(file.bytes)).toBe(true);
  const stored = s.playground.emulator.objects().find((o) => o.md5 === file.md5);
  // Sent with the file's type (WeChat's default of application/json would be stored otherwise).
  expect(stored?.contentType).toBe('audio/wav');
  expect(callSummary(s)).toEqual(['AppGetResourceUploadURL 200', 'PUT 200']);
  // The panel lists the object with its MD5 (it polls once a second).
  await s.page.locator(`.pg-panel [data-md5="${file.md5}"]`).waitFor();
  await screenshotPhone(s, 'done');
});

test('several files: a batch of three, each stored exactly', async () => {
  const voice = section(s, 'Voice prompts');
  const uploader = uploaderIn(voice);
  const files = [writeFile(s, 'welcome.mp3', 96_000, 2), writeFile(s, 'door-open.wav', 240_000, 3), writeFile(s, 'low-battery.mp3', 64_000, 4)];
  await choose(s, uploader, files);
  for (const f of files) await waitForState(uploader, f.name, 'done');
  for (const f of files) expect(storedBytes(s, f.md5).equals(f.bytes)).toBe(true);
  await textOf(uploader.locator(part('summary')), '3');
  // Scrolled once the list is there: a shorter page could not scroll this far.
  await scrollPhoneTo(voice);
  await screenshotPhone(s, 'several-files');
});

test('a file over max-size is refused on the phone, before any request', async () => {
  const voice = section(s, 'Voice prompts');
  const uploader = uploaderIn(voice);
  const big = writeFile(s, 'too-long.wav', 3 * 1024 * 1024, 5);
  const callsBefore = s.playground.emulator.calls.length;
  await choose(s, uploader, [big]);
  const notice = uploader.locator(part('notice'));
  await textOf(notice, big.name);
  expect(await item(uploader, big.name).count()).toBe(0);
  expect(s.playground.emulator.calls.length).toBe(callsBefore);
  expect(s.playground.emulator.objects().some((o) => o.md5 === big.md5)).toBe(false);
  await scrollPhoneTo(voice);
  await screenshotPhone(s, 'rejected');
  await scrollPhoneToTop(s);
});

test('photos on demand: chooseMedia gives WeChat-style temp names, and nothing leaves before "Upload"', async () => {
  const photos = section(s, 'English, photos');
  const uploader = uploaderIn(photos);
  const files = [writeFile(s, 'porch.png', 40_000, 6), writeFile(s, 'garden.jpg', 55_000, 7)];
  const callsBefore = s.playground.emulator.calls.length;
  await choose(s, uploader, files);
  // chooseMedia returns paths only: the component shows the temp file's name, as on a phone.
  const names = uploader.locator(part('name'));
  // Both rows, once rendered (reading at once could see none of them).
  await eventually(() => names.allInnerTexts(), (n) => expect(n).toEqual([expect.stringMatching(/^tmp_[0-9a-f]{16}\.png$/), expect.stringMatching(/^tmp_[0-9a-f]{16}\.jpg$/)]));
  await uploader.locator(part('item--waiting')).nth(1).waitFor();
  expect(s.playground.emulator.calls.length).toBe(callsBefore);

  await uploader.locator(`${part('start')} wx-button`).click();
  await uploader.locator(part('item--done')).nth(1).waitFor();
  for (const f of files) expect(storedBytes(s, f.md5).equals(f.bytes)).toBe(true);
  const typeOf = (md5: string) => s.playground.emulator.objects().find((o) => o.md5 === md5)?.contentType;
  expect(files.map((f) => typeOf(f.md5))).toEqual(['image/png', 'image/jpeg']);
});
