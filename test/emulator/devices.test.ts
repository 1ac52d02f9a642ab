import { Emulator, EmulatorOptions, startEmulator } from '../../emulator';
import { callApi, dataOf, errorCodeOf, getUploadUrl, md5Hex, put } from './helpers';

const DELAY_MS = 300;
const bytes = new Uint8Array(Buffer.from('firmware-ish bytes'));

describe('devices and delivery', () => {
  let emu: Emulator;
  let clock: number;
  let resourceName: string;

  /** Upload + register, the way the official demo does before sending to a device. */
  async function start(options: EmulatorOptions = {}) {
    clock = Date.now();
    emu = await startEmulator({ port: 0, deliveryDelayMs: DELAY_MS, now: () => clock, ...options });
    const { url } = await getUploadUrl(emu, { UserResourceName: 'fw', ResourceVer: '1.0.0', FileSize: bytes.length });
    expect((await put(url, bytes)).status).toBe(200);
    const registered = await callApi(emu, 'AppCreateProductResource', {
      ProductId: emu.productId,
      UserResourceName: 'fw',
      FileSize: bytes.length,
      ResourceVer: '1.0.0',
      FileHash: md5Hex(bytes),
      ResourceType: 'FILE',
    });
    resourceName = String(dataOf(registered).ResourceName);
  }
  afterEach(() => emu.stop());

  const control = (deviceId: string, extra: Record<string, unknown> = {}) =>
    callApi(emu, 'AppControlDeviceResource', {
      DeviceId: deviceId,
      ResourceName: resourceName,
      ResourceVer: '1.0.0',
      Method: 'update',
      ...extra,
    });
  const describeResource = async (deviceId: string) =>
    dataOf(await callApi(emu, 'AppDescribeDeviceResource', { DeviceId: deviceId, ResourceName: resourceName }));

  test('an online device has the resource deliveryDelayMs after AppControlDeviceResource', async () => {
    await start();
    const sentAt = clock;
    expect(Object.keys(dataOf(await control(emu.devices.online)))).toEqual(['RequestId']);
    expect(await describeResource(emu.devices.online)).toMatchObject({ Resource: {} });
    clock += DELAY_MS - 1;
    expect((await describeResource(emu.devices.online)).Resource).toEqual({});
    clock += 1;
    const data = await describeResource(emu.devices.online);
    expect(data.Resource).toEqual({
      ResourceName: resourceName,
      ResourceType: 'FILE',
      DeviceName: 'dev-online',
      ProductId: emu.productId,
      CreateTime: Math.floor(sentAt / 1000),
      UpdateTime: Math.floor((sentAt + DELAY_MS) / 1000),
    });
  });

  test('an offline device never gets it, until it comes online', async () => {
    await start();
    expect(errorCodeOf(await control(emu.devices.offline))).toBeUndefined();
    clock += 60_000;
    expect((await describeResource(emu.devices.offline)).Resource).toEqual({});
    emu.setDeviceOnline(emu.devices.offline, true);
    clock += DELAY_MS;
    expect((await describeResource(emu.devices.offline)).Resource).toMatchObject({ DeviceName: 'dev-offline' });
  });

  test('going offline before arrival puts the delivery back on hold', async () => {
    await start();
    await control(emu.devices.online);
    clock += DELAY_MS / 2;
    emu.setDeviceOnline(emu.devices.online, false);
    clock += DELAY_MS * 10;
    expect((await describeResource(emu.devices.online)).Resource).toEqual({});
  });

  test("pendingResource: 'absent' leaves Resource out instead of empty", async () => {
    await start({ pendingResource: 'absent' });
    await control(emu.devices.online);
    expect(await describeResource(emu.devices.online)).not.toHaveProperty('Resource');
    clock += DELAY_MS;
    expect(await describeResource(emu.devices.online)).toHaveProperty('Resource.ResourceName', resourceName);
  });

  test('errors: unknown device, malformed id, foreign product, unregistered resource, wrong method', async () => {
    await start();
    expect(errorCodeOf(await control(`${emu.productId}/nobody`))).toBe('ResourceNotFound.DeviceNotExist');
    expect(errorCodeOf(await control('no-slash'))).toBe('InvalidParameterValue');
    expect(errorCodeOf(await control('OTHERPROD1/dev'))).toBe('UnauthorizedOperation.APPNoPermissionToStudioProduct');
    expect(errorCodeOf(await control(emu.devices.online, { ResourceVer: '9.9.9' }))).toBe('InvalidParameterValue');
    expect(errorCodeOf(await control(emu.devices.online, { Method: 'delete' }))).toBe('InvalidParameterValue');
    expect(errorCodeOf(await callApi(emu, 'AppDescribeDeviceResource', { DeviceId: emu.devices.online }))).toBe(
      'ErrorRequiredParamNotFound',
    );
  });

  test('devices can be added and listed', async () => {
    await start();
    emu.addDevice(`${emu.productId}/lamp`, true);
    expect(emu.listDevices()).toEqual(
      expect.arrayContaining([
        { deviceId: emu.devices.online, productId: emu.productId, deviceName: 'dev-online', online: true },
        { deviceId: emu.devices.offline, productId: emu.productId, deviceName: 'dev-offline', online: false },
        { deviceId: `${emu.productId}/lamp`, productId: emu.productId, deviceName: 'lamp', online: true },
      ]),
    );
    expect(errorCodeOf(await control(`${emu.productId}/lamp`))).toBeUndefined();
    expect(() => emu.setDeviceOnline(`${emu.productId}/ghost`, true)).toThrow(/unknown device/);
  });
});

test('with the real clock, delivery happens after the real delay', async () => {
  const emu = await startEmulator({ port: 0, deliveryDelayMs: 100 });
  try {
    const { url } = await getUploadUrl(emu, { UserResourceName: 'fw', ResourceVer: '1', FileSize: bytes.length });
    await put(url, bytes);
    const p = { ProductId: emu.productId, UserResourceName: 'fw', FileSize: bytes.length, ResourceVer: '1' };
    const name = dataOf(
      await callApi(emu, 'AppCreateProductResource', { ...p, FileHash: md5Hex(bytes), ResourceType: 'FILE' }),
    ).ResourceName;
    await callApi(emu, 'AppControlDeviceResource', {
      DeviceId: emu.devices.online,
      ResourceName: name,
      ResourceVer: '1',
      Method: 'update',
    });
    const ask = async () =>
      dataOf(await callApi(emu, 'AppDescribeDeviceResource', { DeviceId: emu.devices.online, ResourceName: name }))
        .Resource;
    expect(await ask()).toEqual({});
    await new Promise((r) => setTimeout(r, 150));
    expect(await ask()).toHaveProperty('ResourceName', name);
  } finally {
    await emu.stop();
  }
});
