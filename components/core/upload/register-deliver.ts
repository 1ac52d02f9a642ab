import { AbortScope } from '../abort';
import { sleep } from '../errors/retry-policy';
import type { UploadContext } from '../request/context';
import { clampTimer } from '../time';
import { UploadError } from '../errors/upload-error';
import { callAction, TokenApiClient } from '../request/token-api';

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

/** The first status check comes this soon after AppControlDeviceResource answers (SPEC: within 1 s). */
export const FIRST_POLL_DELAY_MS = 500;

/**
 * AppControlDeviceResource, then AppDescribeDeviceResource until the device shows the file or the
 * deadline passes. The deadline is real time from the start of delivering (the control call
 * included): a call in flight at the deadline is abandoned, and the answer is 'pending', the truth
 * when a device stays silent (an offline device, usually).
 */
export async function deliverResource(ctx: UploadContext, api: TokenApiClient, plan: DeliveryPlan): Promise<'delivered' | 'pending'> {
  // Its own scope: the deadline stops what is in flight here without aborting the upload.
  const scope = new AbortScope();
  const unlink = ctx.scope.onAbort(() => scope.abort());
  const deadline = ctx.platform.setTimeout(() => scope.abort(), clampTimer(plan.timeoutMs));
  const inTime: UploadContext = { ...ctx, scope };
  try {
    await callAction(inTime, api, 'AppControlDeviceResource', {
      DeviceId: plan.deviceId,
      ResourceName: plan.resourceName,
      ResourceVer: plan.resourceVer,
      Method: 'update',
    });
    for (let wait = Math.min(FIRST_POLL_DELAY_MS, plan.pollIntervalMs); ; wait = plan.pollIntervalMs) {
      await sleep(inTime, wait);
      try {
        const { data } = await callAction(inTime, api, 'AppDescribeDeviceResource', { DeviceId: plan.deviceId, ResourceName: plan.resourceName });
        if (hasResource(data)) return 'delivered';
      } catch (err) {
        // The file is sent; a flaky status check only leaves the answer open until the deadline.
        if (!(err instanceof UploadError) || !err.retryable) throw err;
      }
    }
  } catch (err) {
    if (scope.aborted && !ctx.scope.aborted) return 'pending';
    throw err;
  } finally {
    ctx.platform.clearTimeout(deadline);
    unlink();
  }
}
