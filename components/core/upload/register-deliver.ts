import { AbortScope } from '../abort';
import { sleep } from '../errors/retry-policy';
import type { UploadContext } from '../request/context';
import { UploadError } from '../errors/upload-error';
import { callAction, TokenApiClient } from '../request/token-api';
import type { CheckedOptions } from './option-check';
import type { ReportProgress, UploadResult } from './options';

/** The first status check comes this soon after AppControlDeviceResource answers (SPEC: within 1 s). */
const FIRST_POLL_DELAY_MS = 500;

/** The `ResourceName` a token API answer gives, or ''. */
export function resourceNameIn(data: Record<string, unknown>): string {
  return typeof data.ResourceName === 'string' ? data.ResourceName : '';
}

/**
 * After the PUT (opt-in): AppCreateProductResource makes the stored file a product resource (its
 * answer may name it anew), then, with a device, the file is sent to it and its delivery tracked.
 */
export async function registerAndDeliver(ctx: UploadContext, api: TokenApiClient, o: CheckedOptions, result: UploadResult, progress: ReportProgress): Promise<UploadResult> {
  const { productId, deviceId } = o;
  progress('registering', 0);
  const { data } = await callAction(ctx, api, 'AppCreateProductResource', {
    ProductId: productId,
    UserResourceName: result.userResourceName,
    FileSize: result.size,
    ResourceVer: result.resourceVer,
    FileHash: result.md5,
    ResourceType: 'FILE',
  });
  result.resourceName = resourceNameIn(data) || result.resourceName;
  progress('registering', 100);
  if (!deviceId) return result;

  progress('delivering', 0);
  // platform-facts §2: DeviceId is `<ProductId>/<DeviceName>`; a bare device name gets the product.
  const target = { DeviceId: deviceId.indexOf('/') === -1 ? productId + '/' + deviceId : deviceId, ResourceName: result.resourceName };
  result.delivery = await deliver(ctx, api, target, o);
  progress('delivering', 100);
  return result;
}

/**
 * AppControlDeviceResource, then AppDescribeDeviceResource until the device shows the file or the
 * deadline passes. The deadline is real time from the start of delivering (the control call
 * included): a call in flight at the deadline is abandoned, and the answer is 'pending', the truth
 * when a device stays silent (an offline device, usually).
 */
async function deliver(ctx: UploadContext, api: TokenApiClient, target: { DeviceId: string; ResourceName: string }, o: CheckedOptions): Promise<'delivered' | 'pending'> {
  const interval = o.deliveryPollIntervalMs;
  // Its own scope: the deadline stops what is in flight here without aborting the upload.
  const scope = new AbortScope();
  const unlink = ctx.scope.onAbort(() => scope.abort());
  const deadline = ctx.platform.setTimeout(() => scope.abort(), o.deliveryTimeoutMs);
  const inTime: UploadContext = { ...ctx, scope };
  try {
    await callAction(inTime, api, 'AppControlDeviceResource', { ...target, ResourceVer: o.resourceVer, Method: 'update' });
    for (let wait = Math.min(FIRST_POLL_DELAY_MS, interval); ; wait = interval) {
      await sleep(inTime, wait);
      try {
        const shown = (await callAction(inTime, api, 'AppDescribeDeviceResource', target)).data.Resource;
        if (typeof shown === 'object' && shown !== null && Object.keys(shown).length > 0) return 'delivered';
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
