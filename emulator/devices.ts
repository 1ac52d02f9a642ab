/**
 * Devices and resource delivery. A delivery to an online device lands `deliveryDelayMs` after it was
 * asked for (or after the device comes online); an offline device never gets it, so
 * `AppDescribeDeviceResource` keeps answering an empty `Resource`, which the official demo reads as
 * "device offline". Times are computed from the clock on demand: no timers to leak.
 */

export interface DeviceInfo {
  deviceId: string;
  productId: string;
  deviceName: string;
  online: boolean;
}

export interface DeliveredResource {
  ResourceName: string;
  ResourceType: 'FILE';
  DeviceName: string;
  ProductId: string;
  /** Unix seconds. */
  CreateTime: number;
  UpdateTime: number;
}

interface Delivery {
  deviceId: string;
  resourceName: string;
  resourceVer: string;
  firstRequestedAt: number;
  /** When the device has (or will have) the resource; null while it waits for the device. */
  deliverAt: number | null;
}

export function splitDeviceId(deviceId: string): { productId: string; deviceName: string } | null {
  const slash = deviceId.indexOf('/');
  if (slash <= 0 || slash === deviceId.length - 1) return null;
  return { productId: deviceId.slice(0, slash), deviceName: deviceId.slice(slash + 1) };
}

export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceInfo>();
  private readonly deliveries = new Map<string, Delivery>();

  constructor(
    private readonly now: () => number,
    private readonly delayMs: () => number,
  ) {}

  add(deviceId: string, online: boolean): DeviceInfo {
    const parts = splitDeviceId(deviceId);
    if (!parts) throw new TypeError(`a device id is "<ProductId>/<DeviceName>", got ${JSON.stringify(deviceId)}`);
    const info = { deviceId, ...parts, online };
    this.devices.set(deviceId, info);
    return { ...info };
  }

  get(deviceId: string): DeviceInfo | undefined {
    const d = this.devices.get(deviceId);
    return d && { ...d };
  }

  list(): DeviceInfo[] {
    return [...this.devices.values()].map((d) => ({ ...d }));
  }

  setOnline(deviceId: string, online: boolean): void {
    const device = this.devices.get(deviceId);
    if (!device) throw new TypeError(`unknown device ${JSON.stringify(deviceId)}`);
    device.online = online;
    const now = this.now();
    for (const d of this.deliveries.values()) {
      if (d.deviceId !== deviceId) continue;
      if (online && d.deliverAt === null) d.deliverAt = now + this.delayMs();
      // Going offline before the resource arrived puts it back in the queue.
      if (!online && d.deliverAt !== null && d.deliverAt > now) d.deliverAt = null;
    }
  }

  /** Records `AppControlDeviceResource`; a newer version replaces what was on its way. */
  requestDelivery(deviceId: string, resourceName: string, resourceVer: string): void {
    const device = this.devices.get(deviceId);
    if (!device) throw new TypeError(`unknown device ${JSON.stringify(deviceId)}`);
    const now = this.now();
    const key = `${deviceId}\u0000${resourceName}`;
    const previous = this.deliveries.get(key);
    this.deliveries.set(key, {
      deviceId,
      resourceName,
      resourceVer,
      firstRequestedAt: previous?.firstRequestedAt ?? now,
      deliverAt: device.online ? now + this.delayMs() : null,
    });
  }

  /** What `AppDescribeDeviceResource` reports: the resource once it reached the device, else nothing. */
  delivered(deviceId: string, resourceName: string): DeliveredResource | undefined {
    const device = this.devices.get(deviceId);
    const d = this.deliveries.get(`${deviceId}\u0000${resourceName}`);
    if (!device || !d || d.deliverAt === null || this.now() < d.deliverAt) return undefined;
    return {
      ResourceName: resourceName,
      ResourceType: 'FILE',
      DeviceName: device.deviceName,
      ProductId: device.productId,
      CreateTime: Math.floor(d.firstRequestedAt / 1000),
      UpdateTime: Math.floor(d.deliverAt / 1000),
    };
  }

  clearDeliveries(): void {
    this.deliveries.clear();
  }

  clear(): void {
    this.devices.clear();
    this.deliveries.clear();
  }
}
