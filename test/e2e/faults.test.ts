/**
 * Faults injected from the playground's panel, met by the real component in Chromium: a storage
 * outage that outlasts the retries (then a retry by hand), an invalid token refreshed through the
 * demo's provider, an expired upload URL, and a delivery to a device.
 */
import { callSummary, choose, eventually, item, usePlayground, part, screenshotPhone, scrollPhoneTo, section, storedBytes, textOf, uploaderIn, waitForState, writeFile } from './harness';

jest.setTimeout(90000);

const s = usePlayground();

beforeEach(async () => {
  s.playground.emulator.clearCalls();
  // max-count is the size of the list (0.2): empty "One file" (max-count 1) before picking again.
  const removeButtons = uploaderIn(section(s, 'One file')).locator(part('remove'));
  while ((await removeButtons.count()) > 0) await removeButtons.first().click();
});

async function injectFromPanel(fault: string, pending: string): Promise<void> {
  await s.page.locator(`.pg-panel [data-fault="${fault}"]`).click();
  await s.page.locator(`.pg-panel [data-pending-fault="${pending}"]`).waitFor();
}

test('storage fails past the retries: the file shows as failed with a retry, and the retry stores it', async () => {
  const one = uploaderIn(section(s, 'One file'));
  const file = writeFile(s, 'firmware-notes.txt', 50_000, 11);
  await injectFromPanel('put-5xx-beyond-retries', 'bucket:http5xx');

  await choose(s, one, [file]);
  // Two retries with growing delays (1 s, 2 s) before it gives up.
  await waitForState(one, file.name, 'failed', 20000);
  const row = item(one, file.name);
  await textOf(row.locator(part('message')), /\S/);
  await row.locator(part('retry')).waitFor();
  expect(callSummary(s)).toEqual(['AppGetResourceUploadURL 200', 'PUT 503 InternalError', 'PUT 503 InternalError', 'PUT 503 InternalError']);
  expect(s.playground.emulator.objects().some((o) => o.md5 === file.md5)).toBe(false);
  await screenshotPhone(s, 'failed-retry');

  await row.locator(part('retry')).click();
  await waitForState(one, file.name, 'done');
  expect(storedBytes(s, file.md5).equals(file.bytes)).toBe(true);
  expect(callSummary(s).slice(-2)).toEqual(['AppGetResourceUploadURL 200', 'PUT 200']);
});

test('an invalid token is refreshed once through the provider, and the upload goes on', async () => {
  const one = uploaderIn(section(s, 'One file'));
  const file = writeFile(s, 'schedule.json', 2_000, 12);
  await injectFromPanel('invalid-token', 'AppGetResourceUploadURL:invalidToken');

  await choose(s, one, [file]);
  await waitForState(one, file.name, 'done');
  expect(storedBytes(s, file.md5).equals(file.bytes)).toBe(true);
  expect(callSummary(s)).toEqual([
    'AppGetResourceUploadURL 200 InvalidParameterValue.InvalidAccessToken',
    'AppGetResourceUploadURL 200',
    'PUT 200',
  ]);
  // The demo's login stand-in logs each request for a token: 'missing' first, then 'invalid'.
  // Console lines reach the test as events of their own: wait for them too.
  await eventually(
    () => s.consoleLines.filter((l) => l.includes('access token requested')).slice(-2),
    (lines) => expect(lines).toEqual(['[demo] access token requested: missing', '[demo] access token requested: invalid']),
  );
});

test('an expired upload URL is replaced and the PUT repeated', async () => {
  const one = uploaderIn(section(s, 'One file'));
  const file = writeFile(s, 'chime.mp3', 30_000, 13);
  await injectFromPanel('expire-url', 'AppGetResourceUploadURL:expiredUrl');

  await choose(s, one, [file]);
  await waitForState(one, file.name, 'done');
  expect(storedBytes(s, file.md5).equals(file.bytes)).toBe(true);
  expect(callSummary(s)).toEqual(['AppGetResourceUploadURL 200', 'PUT 403 AccessDenied', 'AppGetResourceUploadURL 200', 'PUT 200']);
});

test('register and send to a device: the panel shows the delivery', async () => {
  const device = section(s, 'Register and send to a device');
  const uploader = uploaderIn(device);
  const file = writeFile(s, 'night-mode.bin', 20_000, 14);
  await choose(s, uploader, [file]);
  // The component polls the device every 5 s.
  await waitForState(uploader, file.name, 'done', 20000);
  expect(storedBytes(s, file.md5).equals(file.bytes)).toBe(true);
  const deliveries = s.playground.emulator.deliveries();
  expect(deliveries).toEqual([expect.objectContaining({ deviceId: s.playground.emulator.devices.online, delivered: true })]);
  await s.page.locator('.pg-panel [data-panel="deliveries"] [data-delivery="delivered"]').waitFor();
  await scrollPhoneTo(device);
  await textOf(item(uploader, file.name).locator(part('status')), '设备已收到');
});
