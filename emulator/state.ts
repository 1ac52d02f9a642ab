/** Everything the token API remembers: who may call it, which products exist, what was issued and registered. */
import { DeviceRegistry } from './devices';
import { Settings } from './settings';

/** What AppGetResourceUploadURL promised for an object key. */
export interface UploadGrant {
  key: string;
  productId: string;
  uid: string;
  userResourceName: string;
  resourceVer: string;
  fileSize: number;
  requestId: string;
}

/** A resource registered by AppCreateProductResource. */
export interface RegisteredResource {
  productId: string;
  uid: string;
  resourceName: string;
  userResourceName: string;
  resourceVer: string;
  key: string;
  size: number;
  md5: string;
  createdAt: number;
  updatedAt: number;
}

export class EmulatorState {
  /** token → user id */
  readonly tokens = new Map<string, string>();
  readonly products = new Set<string>();
  readonly grants = new Map<string, UploadGrant>();
  /** `${resourceName}\0${resourceVer}` → resource */
  readonly resources = new Map<string, RegisteredResource>();
  readonly devices: DeviceRegistry;

  constructor(
    readonly settings: Settings,
    readonly now: () => number,
  ) {
    this.devices = new DeviceRegistry(now, () => this.settings.deliveryDelayMs);
  }

  static resourceKey(resourceName: string, resourceVer: string): string {
    return `${resourceName}\u0000${resourceVer}`;
  }

  /** The newest registered version of a resource, or the given version. */
  findResource(resourceName: string, resourceVer?: string): RegisteredResource | undefined {
    if (resourceVer !== undefined) return this.resources.get(EmulatorState.resourceKey(resourceName, resourceVer));
    let newest: RegisteredResource | undefined;
    for (const r of this.resources.values()) {
      if (r.resourceName === resourceName && (!newest || r.updatedAt >= newest.updatedAt)) newest = r;
    }
    return newest;
  }
}
