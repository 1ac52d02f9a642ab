/**
 * The token-API actions, free of HTTP: each takes the action's parameters and returns the `data`
 * of a success, or throws ApiError. Wire shapes follow platform-facts §1–§2 and the API page.
 */
import { ApiData } from './envelope';
import { ApiError, ApiErrorCode } from './api-error';
import { ObjectStore } from './bucket';
import { splitDeviceId } from './devices';
import { TokenAction } from './faults';
import { randomDigits } from './ids';
import { Presigner } from './presign';
import { EmulatorState, RegisteredResource } from './state';

export type Params = Record<string, unknown>;

export interface ActionContext {
  state: EmulatorState;
  store: ObjectStore;
  presigner: Presigner;
  /** The user the AccessToken belongs to. */
  uid: string;
  requestId: string;
  /** Issue URLs whose signature window has already closed (the `expiredUrl` fault). */
  issueExpired: boolean;
}

/** Largest single PUT COS accepts (5 GB). */
const MAX_FILE_SIZE = 5 * 1024 ** 3;
const MAX_NAME_LENGTH = 255;
/** Longest lifetime a download URL may ask for: 7 days, the same bound as the urlValiditySeconds setting. */
const MAX_EFFECTIVE_TIME = 7 * 24 * 3600;

function required(p: Params, name: string): unknown {
  const v = p[name];
  if (v === undefined || v === null) {
    throw new ApiError(ApiErrorCode.RequiredParamNotFound, `The required parameter ${name} is missing.`);
  }
  return v;
}

function str(p: Params, name: string): string {
  const v = required(p, name);
  if (typeof v !== 'string' || v === '' || v.length > MAX_NAME_LENGTH) {
    throw new ApiError(
      ApiErrorCode.InvalidParameterValue,
      `${name} must be a non-empty string of at most ${MAX_NAME_LENGTH} characters.`,
    );
  }
  return v;
}

/** Int parameters of the API (FileSize, EffectiveTime): a JSON number, not a numeric string. */
function int(p: Params, name: string, min: number, max: number): number {
  const v = required(p, name);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ApiError(ApiErrorCode.InvalidParameterValue, `${name} must be an integer from ${min} to ${max}.`);
  }
  return v;
}

function checkProduct(ctx: ActionContext, productId: string): void {
  if (!ctx.state.products.has(productId)) {
    throw new ApiError(ApiErrorCode.NoProductPermission, `The app has no permission to product ${productId}.`);
  }
}

function resourceNameOf(uid: string, userResourceName: string): string {
  return `USER_${uid}_RES_${userResourceName}`;
}

/** Signature window: [now, now + validity], or one that closed a minute ago for the expiredUrl fault. */
function signWindowStart(ctx: ActionContext, validitySeconds: number): number {
  const nowSeconds = Math.floor(ctx.state.now() / 1000);
  return ctx.issueExpired ? nowSeconds - validitySeconds - 60 : nowSeconds;
}

function getUploadUrl(p: Params, ctx: ActionContext): ApiData {
  const productId = str(p, 'ProductId');
  const userResourceName = str(p, 'UserResourceName');
  const fileSize = int(p, 'FileSize', 0, MAX_FILE_SIZE);
  const resourceVer = str(p, 'ResourceVer');
  checkProduct(ctx, productId);
  const resourceName = resourceNameOf(ctx.uid, userResourceName);
  // Same layout as the seed example: res/<11 random digits>_<ProductId>_<ResourceName>_<ResourceVer>.
  const key = `res/${randomDigits(11)}_${productId}_${resourceName}_${resourceVer}`;
  ctx.state.grants.set(key, {
    key,
    productId,
    uid: ctx.uid,
    userResourceName,
    resourceVer,
    fileSize,
    requestId: ctx.requestId,
  });
  const UploadUrl = ctx.presigner.url({
    method: 'PUT',
    key,
    startSeconds: signWindowStart(ctx, ctx.state.settings.urlValiditySeconds),
    validitySeconds: ctx.state.settings.urlValiditySeconds,
  });
  return { UploadUrl, ResourceName: resourceName };
}

/** The newest stored object uploaded through a URL for this product, user, name and version. */
function findUpload(ctx: ActionContext, productId: string, userResourceName: string, resourceVer: string) {
  const suffix = `_${productId}_${resourceNameOf(ctx.uid, userResourceName)}_${resourceVer}`;
  const matches = ctx.store
    .list()
    .filter((o) => o.key.endsWith(suffix) && /^res\/\d+$/.test(o.key.slice(0, o.key.length - suffix.length)));
  return matches[matches.length - 1];
}

function createProductResource(p: Params, ctx: ActionContext): ApiData {
  const productId = str(p, 'ProductId');
  const userResourceName = str(p, 'UserResourceName');
  const fileSize = int(p, 'FileSize', 0, MAX_FILE_SIZE);
  const resourceVer = str(p, 'ResourceVer');
  const fileHash = str(p, 'FileHash');
  const resourceType = str(p, 'ResourceType');
  if (!/^[0-9a-fA-F]{32}$/.test(fileHash)) {
    throw new ApiError(ApiErrorCode.InvalidParameterValue, 'FileHash must be the MD5 of the file in hex.');
  }
  if (resourceType !== 'FILE') {
    throw new ApiError(ApiErrorCode.InvalidParameterValue, 'ResourceType must be FILE.');
  }
  checkProduct(ctx, productId);
  const object = findUpload(ctx, productId, userResourceName, resourceVer);
  if (!object) {
    throw new ApiError(ApiErrorCode.InvalidParameterValue, 'No uploaded file matches this resource: upload it first.');
  }
  if (object.size !== fileSize) {
    throw new ApiError(
      ApiErrorCode.InvalidParameterValue,
      `FileSize does not match the uploaded file (${object.size} bytes).`,
    );
  }
  if (object.md5 !== fileHash.toLowerCase()) {
    throw new ApiError(ApiErrorCode.InvalidParameterValue, 'FileHash does not match the MD5 of the uploaded file.');
  }
  const resourceName = resourceNameOf(ctx.uid, userResourceName);
  const id = EmulatorState.resourceKey(resourceName, resourceVer);
  const now = ctx.state.now();
  const resource: RegisteredResource = {
    productId,
    uid: ctx.uid,
    resourceName,
    userResourceName,
    resourceVer,
    key: object.key,
    size: object.size,
    md5: object.md5,
    createdAt: ctx.state.resources.get(id)?.createdAt ?? now,
    updatedAt: now,
  };
  ctx.state.resources.set(id, resource);
  return { ResourceName: resourceName };
}

/** Checks a DeviceId names an existing device of a product the app may use. */
function device(p: Params, ctx: ActionContext) {
  const deviceId = str(p, 'DeviceId');
  const parts = splitDeviceId(deviceId);
  if (!parts) {
    throw new ApiError(ApiErrorCode.InvalidParameterValue, 'DeviceId must be <ProductId>/<DeviceName>.');
  }
  checkProduct(ctx, parts.productId);
  if (!ctx.state.devices.get(deviceId)) {
    throw new ApiError(ApiErrorCode.DeviceNotExist, `Device ${deviceId} does not exist.`);
  }
  return { deviceId, productId: parts.productId };
}

function controlDeviceResource(p: Params, ctx: ActionContext): ApiData {
  const { deviceId, productId } = device(p, ctx);
  const resourceName = str(p, 'ResourceName');
  const resourceVer = str(p, 'ResourceVer');
  const method = str(p, 'Method');
  if (method !== 'update') throw new ApiError(ApiErrorCode.InvalidParameterValue, 'Method must be update.');
  const resource = ctx.state.findResource(resourceName, resourceVer);
  if (!resource || resource.productId !== productId || resource.uid !== ctx.uid) {
    throw new ApiError(ApiErrorCode.InvalidParameterValue, 'This resource version is not registered for the product.');
  }
  ctx.state.devices.requestDelivery(deviceId, resourceName, resourceVer);
  return {};
}

function describeDeviceResource(p: Params, ctx: ActionContext): ApiData {
  const { deviceId } = device(p, ctx);
  const resourceName = str(p, 'ResourceName');
  const delivered = ctx.state.devices.delivered(deviceId, resourceName);
  if (delivered) return { Resource: delivered };
  return ctx.state.settings.pendingResource === 'empty' ? { Resource: {} } : {};
}

/**
 * The object a name and version point at: the registered one when AppCreateProductResource named
 * it, else the newest upload (registering is optional, and a stored file is downloadable without it).
 */
function storedObjectOf(ctx: ActionContext, productId: string, userResourceName: string, resourceVer: string) {
  const registered = ctx.state.findResource(resourceNameOf(ctx.uid, userResourceName), resourceVer);
  if (registered && registered.productId === productId && registered.uid === ctx.uid) {
    const object = ctx.store.get(registered.key);
    if (object) return object;
  }
  return findUpload(ctx, productId, userResourceName, resourceVer);
}

function getDownloadUrl(p: Params, ctx: ActionContext): ApiData {
  const productId = str(p, 'ProductId');
  const userResourceName = str(p, 'UserResourceName');
  const resourceVer = str(p, 'ResourceVer');
  // The API page marks EffectiveTime required, but clients may leave it out: then the URL lasts as
  // long as an upload URL does (the urlValiditySeconds setting, 3600 by default).
  const validitySeconds =
    p.EffectiveTime === undefined || p.EffectiveTime === null
      ? ctx.state.settings.urlValiditySeconds
      : int(p, 'EffectiveTime', 1, MAX_EFFECTIVE_TIME);
  checkProduct(ctx, productId);
  const object = storedObjectOf(ctx, productId, userResourceName, resourceVer);
  if (!object) {
    throw new ApiError(ApiErrorCode.ResourceNotExist, 'No stored file has this name and version: upload it first.');
  }
  const DownloadUrl = ctx.presigner.url({
    method: 'GET',
    key: object.key,
    startSeconds: signWindowStart(ctx, validitySeconds),
    validitySeconds,
  });
  return { DownloadUrl };
}

export const ACTIONS: Record<TokenAction, (p: Params, ctx: ActionContext) => ApiData> = {
  AppGetResourceUploadURL: getUploadUrl,
  AppCreateProductResource: createProductResource,
  AppControlDeviceResource: controlDeviceResource,
  AppDescribeDeviceResource: describeDeviceResource,
  AppGetResourceDownloadUrl: getDownloadUrl,
};
