/**
 * The phone's life cycle from the playground's panel, met by the real component in Chromium:
 * "Send the app to the background for 6 s" while a PUT is held by storage (WeChat cuts it
 * `interrupted` after 5 s), and "Lose the network" / "Get it back" mid-upload. Each time the file
 * says why it waits, and finishes by itself: no `fail` event, nothing stored twice.
 */
import { callSummary, choose, item, part, screenshotPhone, scrollPhoneTo, section, storedBytes, uploaderIn, usePlayground, waitForState, writeFile } from './harness';

jest.setTimeout(90000);

const s = usePlayground();

beforeEach(() => {
  s.playground.emulator.clearCalls();
});

function events(): Promise<string> {
  return section(s, 'Events').innerText();
}

async function phoneState(): Promise<{ hidden: string | null; online: string | null }> {
  const el = s.page.locator('.pg-panel [data-phone-state]');
  return { hidden: await el.getAttribute('data-hidden'), online: await el.getAttribute('data-online') };
}

test('sent to the background mid-PUT: the file waits, then finishes after 6 s with no fail', async () => {
  const one = uploaderIn(section(s, 'One file'));
  const file = writeFile(s, 'voice-pack.bin', 80_000, 21);
  // Storage holds the PUT past WeChat's 5 s background grace, so it is cut `interrupted`.
  s.playground.emulator.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 8000 });

  await choose(s, one, [file]);
  await waitForState(one, file.name, 'uploading');
  await s.page.locator('.pg-panel [data-action="background-6s"]').click();
  expect(await phoneState()).toEqual({ hidden: 'true', online: 'true' });
  await waitForState(one, file.name, 'paused');
  const row = item(one, file.name);
  await expect(row.locator(part('waiting')).innerText()).resolves.toBe('小程序在后台，回到前台后自动继续');
  await scrollPhoneTo(section(s, 'One file'));
  await screenshotPhone(s, 'waiting-background');

  // Back after 6 s: the PUT cut at 5 s goes again, once.
  await waitForState(one, file.name, 'done', 20000);
  expect(await phoneState()).toEqual({ hidden: 'false', online: 'true' });
  expect(storedBytes(s, file.md5).equals(file.bytes)).toBe(true);
  const calls = callSummary(s);
  expect(calls.filter((c) => c.startsWith('AppGetResourceUploadURL'))).toEqual(['AppGetResourceUploadURL 200']);
  expect(calls[calls.length - 1]).toBe('PUT 200');
  expect(await events()).not.toContain(`fail {"name":"${file.name}"`);
  await expect(row.locator(part('waiting')).count()).resolves.toBe(0);
  // Make room: "One file" holds one.
  await row.locator(part('remove')).click();
  await row.waitFor({ state: 'detached' });
});

test('the network lost mid-upload: the file waits for it, and goes when it is back', async () => {
  const one = uploaderIn(section(s, 'One file'));
  const file = writeFile(s, 'chime-pack.bin', 60_000, 22);
  s.playground.emulator.faults.inject({ target: 'bucket', kind: 'delay', delayMs: 4000 });

  await choose(s, one, [file]);
  await waitForState(one, file.name, 'uploading');
  await s.page.locator('.pg-panel [data-action="network-off"]').click();
  expect(await phoneState()).toEqual({ hidden: 'false', online: 'false' });
  await waitForState(one, file.name, 'paused');
  const row = item(one, file.name);
  await expect(row.locator(part('waiting')).innerText()).resolves.toBe('等待网络，恢复后自动继续');
  await scrollPhoneTo(section(s, 'One file'));
  await screenshotPhone(s, 'waiting-network');

  await s.page.locator('.pg-panel [data-action="network-on"]').click();
  await waitForState(one, file.name, 'done', 20000);
  expect(storedBytes(s, file.md5).equals(file.bytes)).toBe(true);
  expect(await events()).not.toContain(`fail {"name":"${file.name}"`);
});
