import { sleep, UploadContext } from './context';
import { UploadError } from './errors';
import { callAction, TokenApiClient } from './token-api';

export interface StoredFile {
  productId: string;
  userResourceName: string;
  size: number;
  resourceVer: string;
  md5: string;
}

/** AppCreateProductResource: makes the stored file a product resource; returns its ResourceName. */
export async function registerResource(ctx: UploadContext, api: TokenApiClient, file: StoredFile): Promise<string> {
  const { data } = await callAction(ctx, api, 'AppCreateProductResource', {
    ProductId: file.productId,
    UserResourceName: file.userResourceName,
    FileSize: file.size,
    ResourceVer: file.resourceVer,
    FileHash: file.md5,
    ResourceType: 'FILE',
  });
  return typeof data.ResourceName === 'string' ? data.ResourceName : '';
}

/** platform-facts §2: DeviceId is `<ProductId>/<DeviceName>`; a bare device name gets the product. */
export function fullDeviceId(productId: string, deviceId: string): string {
  return deviceId.indexOf('/') === -1 ? productId + '/' + deviceId : deviceId;
}

export interface DeliveryPlan {
  deviceId: string;
  resourceName: string;
  resourceVer: string;
  timeoutMs: number;
  pollIntervalMs: number;
}

function hasResource(data: Record<string, unknown>): boolean {
  const r = data.Resource;
  return typeof r === 'object' && r !== null && Object.keys(r).length > 0;
}

/**
 * AppControlDeviceResource, then AppDescribeDeviceResource until the device shows the file or
 * the time is up. 'pending' is the truth when it stays silent (an offline device, usually).
 */
export async function deliverResource(ctx: UploadContext, api: TokenApiClient, plan: DeliveryPlan): Promise<'delivered' | 'pending'> {
  await callAction(ctx, api, 'AppControlDeviceResource', {
    DeviceId: plan.deviceId,
    ResourceName: plan.resourceName,
    ResourceVer: plan.resourceVer,
    Method: 'update',
  });
  const polls = Math.max(1, Math.floor(plan.timeoutMs / plan.pollIntervalMs));
  for (let i = 0; i < polls; i++) {
    await sleep(ctx, plan.pollIntervalMs);
    try {
      const { data } = await callAction(ctx, api, 'AppDescribeDeviceResource', { DeviceId: plan.deviceId, ResourceName: plan.resourceName });
      if (hasResource(data)) return 'delivered';
    } catch (err) {
      // The file is sent; a flaky status check only leaves the answer open until the deadline.
      if (!(err instanceof UploadError) || !err.retryable) throw err;
    }
  }
  return 'pending';
}
