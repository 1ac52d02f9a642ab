/**
 * Issue 10 "Hangs and deadlines" and issue 11 Deliver 7: `deliveryTimeout` is a deadline from the start
 * of delivering (a poll in flight is abandoned, the result 'pending' at the deadline), the first poll
 * comes within 1 s of AppControlDeviceResource's answer, and polls are at least 1000 ms apart.
 */
import { codeEnvelope, ENDPOINT, FakeAnswer, FakePlatform, SEED_SIGNATURE } from '../support/fake-platform';
import { guardAgainstLeaks, observeUpload, Outcome } from '../support/observe';

const TOKEN = 'tok-deadline-0123456789abcdef0123456789';
const emitted = guardAgainstLeaks(() => [TOKEN, SEED_SIGNATURE]);
const silent = (): FakeAnswer => codeEnvelope({ RequestId: 'x' });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function setup() {
  const platform = new FakePlatform();
  platform.addFile('/tmp/ring.mp3', new Uint8Array(Buffer.from('a ringtone')));
  // When each request went out, on the (fake) clock.
  const sentAt: Array<{ action: string; at: number }> = [];
  const request = platform.request.bind(platform);
  platform.request = (req) => {
    const task = request(req);
    sentAt.push({ action: req.method === 'PUT' ? 'PUT' : String(platform.requests[platform.requests.length - 1].json!.Action), at: Date.now() });
    return task;
  };
  const options = { platform, filePath: '/tmp/ring.mp3', productId: 'PROD1', accessToken: TOKEN, endpoint: ENDPOINT, deviceId: 'lamp', retryDelay: 1 };
  return { platform, options, sentAt };
}

/** Runs the fake clock until the upload settles; returns its outcome and the clock time it took. */
async function run(p: Promise<Outcome>): Promise<Outcome> {
  let done = false;
  p.then(() => (done = true));
  for (let i = 0; !done && i < 20000; i++) await jest.advanceTimersByTimeAsync(10);
  return p;
}

const at = (sentAt: Array<{ action: string; at: number }>, action: string) => sentAt.filter((s) => s.action === action).map((s) => s.at);

test('the first poll comes within 1 s of AppControlDeviceResource answering', async () => {
  const { platform, options, sentAt } = setup();
  platform.script('AppDescribeDeviceResource', silent(), silent());
  const out = await run(observeUpload(emitted, { ...options, deliveryPollInterval: 5000 }));
  expect(out.result!.delivery).toBe('delivered');
  const control = at(sentAt, 'AppControlDeviceResource')[0];
  const polls = at(sentAt, 'AppDescribeDeviceResource');
  expect(polls[0] - control).toBeLessThanOrEqual(1000);
  expect(polls[1] - polls[0]).toBeGreaterThanOrEqual(5000);
});

test.each([0.001, 1e-300, 1])('deliveryPollInterval %p is clamped: polls at least 1000 ms apart', async (interval) => {
  const { platform, options, sentAt } = setup();
  platform.script('AppDescribeDeviceResource', ...Array(50).fill(silent()));
  const out = await run(observeUpload(emitted, { ...options, deliveryPollInterval: interval, deliveryTimeout: 5000 }));
  expect(out.result!.delivery).toBe('pending');
  const polls = at(sentAt, 'AppDescribeDeviceResource');
  expect(polls.length).toBeGreaterThan(2);
  expect(polls.length).toBeLessThanOrEqual(6);
  for (let i = 1; i < polls.length; i++) expect(polls[i] - polls[i - 1]).toBeGreaterThanOrEqual(1000);
});

test('slow status calls: deliveryTimeout 2000 ends "pending" at the deadline, the poll in flight abandoned', async () => {
  const { platform, options, sentAt } = setup();
  platform.script('AppDescribeDeviceResource', ...Array(20).fill({ delayMs: 3000, then: silent() }));
  const p = observeUpload(emitted, { ...options, deliveryTimeout: 2000 });
  const out = await run(p);
  const control = at(sentAt, 'AppControlDeviceResource')[0];
  expect(out.result!.delivery).toBe('pending');
  // Settled at the deadline counted from the control call, not after the slow poll's 3 s.
  expect(Date.now() - control).toBeLessThan(2100);
  expect(at(sentAt, 'AppDescribeDeviceResource')).toHaveLength(1);
  expect(platform.aborts).toBe(1);
});

test('the deadline counts AppControlDeviceResource too', async () => {
  const { platform, options, sentAt } = setup();
  platform.script('AppControlDeviceResource', { delayMs: 10000, then: codeEnvelope({ RequestId: 'c' }) });
  const out = await run(observeUpload(emitted, { ...options, deliveryTimeout: 1500 }));
  expect(out.result!.delivery).toBe('pending');
  expect(Date.now() - at(sentAt, 'AppControlDeviceResource')[0]).toBeLessThan(1600);
  expect(at(sentAt, 'AppDescribeDeviceResource')).toHaveLength(0);
});

test('a device that has the file after 300 ms is reported within about 1 s, not after the 5 s interval', async () => {
  const { options, sentAt } = setup();
  const out = await run(observeUpload(emitted, options));
  expect(out.result!.delivery).toBe('delivered');
  expect(Date.now() - at(sentAt, 'AppControlDeviceResource')[0]).toBeLessThan(1100);
});
