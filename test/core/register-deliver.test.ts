import { apiError, codeEnvelope, ENDPOINT, FakePlatform, md5Hex, SEED_SIGNATURE } from '../support/fake-platform';
import { guardAgainstLeaks, observeUpload, Outcome } from '../support/observe';

const TOKEN = 'tok-deliver-0123456789abcdef0123456789';
const emitted = guardAgainstLeaks(() => [TOKEN, SEED_SIGNATURE]);

const bytes = new Uint8Array(Buffer.from('a ringtone'));
function setup() {
  const platform = new FakePlatform();
  platform.addFile('/tmp/ring.mp3', bytes);
  const options = { platform, filePath: '/tmp/ring.mp3', productId: 'PROD1', accessToken: TOKEN, endpoint: ENDPOINT, resourceName: 'ring', resourceVer: '1.0.0' };
  return { platform, options };
}
/** Delivery waits whole seconds (SPEC: polls >= 1000 ms apart): run it on jest's fake clock. */
async function onFakeClock(start: () => Promise<Outcome>): Promise<Outcome> {
  jest.useFakeTimers();
  try {
    const p = start();
    let done = false;
    p.then(() => (done = true));
    for (let i = 0; !done && i < 20000; i++) await jest.advanceTimersByTimeAsync(10);
    return await p;
  } finally {
    jest.useRealTimers();
  }
}
const stripPublic = (json: Record<string, unknown>) => {
  const { AccessToken, RequestId, ...rest } = json;
  expect(AccessToken).toBe(TOKEN);
  expect(RequestId).toMatch(/^[0-9a-f-]{36}$/);
  return rest;
};

test('register sends the documented AppCreateProductResource body after the PUT', async () => {
  const { platform, options } = setup();
  const out = await observeUpload(emitted, { ...options, register: true });
  expect(out.error).toBeUndefined();
  const order = platform.requests.map((r) => (r.json ? r.json.Action : r.method));
  expect(order).toEqual(['AppGetResourceUploadURL', 'PUT', 'AppCreateProductResource']);
  expect(stripPublic(platform.calls('AppCreateProductResource')[0].json!)).toEqual({
    Action: 'AppCreateProductResource',
    ProductId: 'PROD1',
    UserResourceName: 'ring',
    FileSize: bytes.byteLength,
    ResourceVer: '1.0.0',
    FileHash: md5Hex(bytes),
    ResourceType: 'FILE',
  });
  expect(out.result).toMatchObject({ resourceName: 'USER_72375312314273792_RES_ring' });
  expect(out.result).not.toHaveProperty('delivery');
  expect(out.progress.map((p) => p.phase + p.percent).slice(-2)).toEqual(['registering0', 'registering100']);
});

test('a device implies register, sends AppControlDeviceResource and polls until delivered', async () => {
  const { platform, options } = setup();
  platform.script('AppDescribeDeviceResource', codeEnvelope({ RequestId: 'x' }), codeEnvelope({ RequestId: 'y', Resource: {} }));
  const out = await onFakeClock(() => observeUpload(emitted, { ...options, deviceId: 'PROD1/lamp' }));
  expect(out.error).toBeUndefined();
  expect(stripPublic(platform.calls('AppControlDeviceResource')[0].json!)).toEqual({
    Action: 'AppControlDeviceResource',
    DeviceId: 'PROD1/lamp',
    ResourceName: 'USER_72375312314273792_RES_ring',
    ResourceVer: '1.0.0',
    Method: 'update',
  });
  const polls = platform.calls('AppDescribeDeviceResource');
  expect(polls).toHaveLength(3);
  expect(stripPublic(polls[0].json!)).toEqual({ Action: 'AppDescribeDeviceResource', DeviceId: 'PROD1/lamp', ResourceName: 'USER_72375312314273792_RES_ring' });
  expect(out.result!.delivery).toBe('delivered');
  expect(out.progress.map((p) => p.phase + p.percent).slice(-4)).toEqual(['registering0', 'registering100', 'delivering0', 'delivering100']);
});

test('a bare device name gets the product id in front', async () => {
  const { platform, options } = setup();
  await observeUpload(emitted, { ...options, deviceId: 'lamp' });
  expect(platform.calls('AppControlDeviceResource')[0].json!.DeviceId).toBe('PROD1/lamp');
});

test('a device that stays silent until the limit gives delivery "pending"', async () => {
  const { platform, options } = setup();
  platform.script('AppDescribeDeviceResource', ...Array(20).fill(codeEnvelope({ RequestId: 'x' })));
  const out = await onFakeClock(() => observeUpload(emitted, { ...options, deviceId: 'PROD1/offline', deliveryPollInterval: 1000, deliveryTimeout: 8000 }));
  expect(out.error).toBeUndefined();
  expect(out.result!.delivery).toBe('pending');
  // At 0.5 s, then every second until the 8 s deadline.
  expect(platform.calls('AppDescribeDeviceResource')).toHaveLength(8);
});

test('a transient fault while polling keeps polling; a hard error fails', async () => {
  const soft = setup();
  soft.platform.script('AppDescribeDeviceResource', { status: 500, body: '' }, { status: 500, body: '' }, { status: 500, body: '' });
  const okOut = await onFakeClock(() => observeUpload(emitted, { ...soft.options, deviceId: 'd', retries: 0 }));
  expect(okOut.result!.delivery).toBe('delivered');

  const hard = setup();
  hard.platform.script('AppDescribeDeviceResource', apiError('ResourceNotFound.DeviceNotExist'));
  const badOut = await onFakeClock(() => observeUpload(emitted, { ...hard.options, deviceId: 'd' }));
  expect(badOut.error!.code).toBe('ResourceNotFound.DeviceNotExist');
});

test('a failed register fails the upload with its code and RequestId', async () => {
  const { platform, options } = setup();
  platform.script('AppCreateProductResource', apiError('InvalidParameterValue', 'hash mismatch'));
  const out = await observeUpload(emitted, { ...options, register: true });
  expect(out.error).toMatchObject({ code: 'InvalidParameterValue', requestId: 'srv-InvalidParameterValue' });
  expect(platform.calls('AppControlDeviceResource')).toHaveLength(0);
});
