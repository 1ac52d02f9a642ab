import { AbortScope } from '../abort';
import { AccessTokenSession, hasAccessTokenProvider } from '../request/access-token';
import { HeldPlatform, heldPlatform, throwIfAborted, UploadContext } from '../request/context';
import { UploadError } from '../errors/upload-error';
import { FilePass, startFilePass } from './file-pass';
import { normalizeLocale } from '../i18n/locale';
import { contentTypeFor } from './mime';
import { UploadPhase, UploadResourceOptions, UploadResult, UploadTask } from './options';
import type { FileInfo, Platform, PlatformLifecycle } from '../platform';
import { Secrets } from '../request/redact';
import { deliverResource, fullDeviceId, registerResource } from './register-deliver';
import { PutOutcome, putObject, PutRequest } from './storage';
import { surfaceError, surfaceResult } from '../request/surface';
import { worded } from '../i18n/messages';
import { callAction, cleanRequestId, TokenApiClient } from '../request/token-api';
import { isAllowedUploadUrl } from '../request/url';
import { checkRequest, checkSize } from './validate';
import { CheckedOptions, checkOptions } from './option-check';
import { claimResourceName } from './resource-names';

export type PlatformFactory = () => Platform;

let defaultPlatformFactory: PlatformFactory | null = null;
let made: Platform | null = null;

/** The package entry binds WeChat here; the core itself never names `wx`. */
export function setDefaultPlatform(factory: PlatformFactory): void {
  // The entry and the component both bind WeChat: the same factory again keeps the platform made.
  if (factory === defaultPlatformFactory) return;
  defaultPlatformFactory = factory;
  made = null;
}

/**
 * The platform uploads run on when the options name none, made once: the queue wraps each
 * platform it meets only once, which holds only if the same platform comes back every time.
 */
export function defaultPlatform(): Platform | null {
  if (!made && defaultPlatformFactory) made = defaultPlatformFactory();
  return made;
}

/**
 * The life cycle of the default platform: the app has one, so the queue listens to the platform's
 * own (a second one beside it could keep a `hidden` of its own, stale). undefined without one.
 */
export function defaultPlatformLifecycle(): PlatformLifecycle | undefined {
  const platform = defaultPlatform();
  return (platform && platform.lifecycle) || undefined;
}

interface IssuedUrl {
  url: string;
  resourceName: string;
  requestId: string;
}

async function issueUploadUrl(ctx: UploadContext, api: TokenApiClient, params: Record<string, unknown>): Promise<IssuedUrl> {
  const answer = await callAction(ctx, api, 'AppGetResourceUploadURL', params);
  const { data } = answer;
  const url = data.UploadUrl;
  // Registered first: even a refused URL may carry a signature that must never be shown.
  if (typeof url === 'string') ctx.secrets.addUrl(url);
  const requestId = cleanRequestId(ctx.secrets, answer);
  // A URL holding the token would carry it to the storage host: nothing is PUT (SPEC "Secrets (added)").
  if (typeof url !== 'string' || ctx.secrets.holdsToken(url) || !isAllowedUploadUrl(url, api.endpoint)) throw UploadError.of('InvalidResponse', {}, requestId);
  return { url, resourceName: typeof data.ResourceName === 'string' ? data.ResourceName : '', requestId };
}

async function run(options: UploadResourceOptions, scope: AbortScope, secrets: Secrets): Promise<UploadResult> {
  const o = checkOptions(options);
  const { productId, endpoint } = o;
  checkRequest({ productId, endpoint, resourceName: o.resourceName, hasToken: !!o.accessToken || hasAccessTokenProvider() });
  if (!o.filePath) throw UploadError.of('FileReadError');

  const platform = options.platform || defaultPlatform();
  if (!platform) throw new TypeError('uploadResource: no platform (pass options.platform outside WeChat)');
  const ctx: UploadContext = {
    platform,
    scope,
    secrets,
    retries: o.retries,
    retryDelayMs: o.retryDelayMs,
    timeoutMs: o.timeoutMs,
  };
  const api: TokenApiClient = { endpoint, token: new AccessTokenSession(o.accessToken, secrets, { platform, scope, timeoutMs: o.timeoutMs }) };
  const onProgress = options.onProgress;
  const progress = (phase: UploadPhase, percent: number): void => {
    throwIfAborted(ctx);
    if (typeof onProgress !== 'function') return;
    try {
      onProgress({ phase, percent });
    } catch {
      // A host's progress handler must not be able to break the upload.
    }
  };
  const givenName = o.resourceName;
  if (givenName) {
    // Held until this upload settles (finally, below), so no other upload stores a file under it meanwhile.
    const release = claimResourceName(productId, givenName);
    if (!release) throw UploadError.of('ResourceNameInUse');
    // An abort frees the name at once: retrying right after must not meet this upload's ghost.
    const unhook = scope.onAbort(release);
    try {
      return await pipeline(ctx, api, o, progress);
    } finally {
      unhook();
      release();
    }
  }
  return pipeline(ctx, api, o, progress);
}

/**
 * The PUT of a file. On a platform that holds requests back (the queue's life-cycle gate), a PUT
 * the life cycle cut (or that came due while held back) drops the file's bytes and their budget,
 * waits holding nothing, then reads the file again (its size and MD5 checked again) and goes again
 * with the same URL: no retry counted. A URL that expired meanwhile is the usual 403, answered
 * with one new URL by the caller. Elsewhere `Interrupted` ends the upload, as before.
 */
async function putFile(ctx: UploadContext, pass: FilePass, held: HeldPlatform | null, put: Omit<PutRequest, 'body'>, putting: (on: boolean) => void): Promise<PutOutcome> {
  for (let round = 0; ; round++) {
    let body: ArrayBuffer | null = await pass.bytes();
    putting(true);
    try {
      return await putObject(ctx, { ...put, body });
    } catch (err) {
      if (!held || !(err instanceof UploadError) || err.code !== 'Interrupted') throw err;
    } finally {
      putting(false);
    }
    // Nothing of the file is kept through the wait, not even by this frame.
    body = null;
    pass.drop();
    await held.whenRequestsMayGo(ctx.scope, round);
  }
}

/** Hash, sign, PUT, and optionally register and deliver: the upload once every check has passed. */
async function pipeline(ctx: UploadContext, api: TokenApiClient, o: CheckedOptions, progress: (phase: UploadPhase, percent: number) => void): Promise<UploadResult> {
  const { productId, resourceVer, maxSize, name } = o;
  const givenName = o.resourceName;

  progress('hashing', 0);
  const pass = await startFilePass(ctx, o.filePath, (size) => checkSize(size, maxSize));
  const held = heldPlatform(ctx.platform);
  let putting = false;
  // Bytes read early (beside the hash) are not kept while the file waits before its PUT (signing
  // while hidden, say); during the PUT the gate decides (a PUT cut is dropped in putFile).
  const unhook = held ? held.onHeld(() => putting || pass.drop()) : () => undefined;
  const setPutting = (on: boolean) => (putting = on);
  let info: FileInfo;
  let userResourceName: string;
  let issued: IssuedUrl;
  try {
    // A fixed name leaves the URL needing only the size: ask for it while the file is hashed. The
    // PUT still waits for the MD5: Content-MD5 goes out before the body (SPEC "Wire").
    const early = givenName && pass.size !== null ? issueUploadUrl(ctx, api, { ProductId: productId, UserResourceName: givenName, FileSize: pass.size, ResourceVer: resourceVer }) : null;
    if (early) early.catch(() => undefined); // Awaited below, after the hash.
    info = await pass.info;
    userResourceName = givenName || info.md5;
    progress('hashing', 100);

    const urlParams = { ProductId: productId, UserResourceName: userResourceName, FileSize: info.size, ResourceVer: resourceVer };
    progress('signing', 0);
    // The stat is a hint: a URL asked for with another size than the hash saw is not used.
    issued = await (early && info.size === pass.size ? early : issueUploadUrl(ctx, api, urlParams));
    progress('signing', 100);

    progress('uploading', 0);
    // The bytes are held only while this file holds its share of the app-wide memory budget,
    // and given back when the PUT settles, whatever the outcome (SPEC "Never (added)").
    const put = { contentType: contentTypeFor(name), md5: info.md5, minUploadRate: o.minUploadRate };
    let outcome = await putFile(ctx, pass, held, { ...put, url: issued.url, urlRequestId: issued.requestId }, setPutting);
    if (!outcome.stored) {
      // SPEC wire rule 3: one new URL (and RequestId) after an expired one, then one more PUT.
      issued = await issueUploadUrl(ctx, api, urlParams);
      outcome = await putFile(ctx, pass, held, { ...put, url: issued.url, urlRequestId: issued.requestId }, setPutting);
      if (!outcome.stored) throw UploadError.of('Storage.AccessDenied', { status: 403 }, issued.requestId);
    }
  } finally {
    unhook();
    pass.release();
  }
  progress('uploading', 100);

  const result: UploadResult = {
    name,
    path: o.filePath,
    size: info.size,
    md5: info.md5,
    userResourceName,
    resourceName: issued.resourceName,
    resourceVer,
    requestId: issued.requestId,
  };
  return o.register || o.deviceId ? registerAndDeliver(ctx, api, o, result, progress) : result;
}

/** After the PUT (opt-in): register the stored file, then send it to the device and track delivery. */
async function registerAndDeliver(ctx: UploadContext, api: TokenApiClient, o: CheckedOptions, result: UploadResult, progress: (phase: UploadPhase, percent: number) => void): Promise<UploadResult> {
  const { productId, resourceVer } = o;
  const stored = { productId, userResourceName: result.userResourceName, size: result.size, resourceVer, md5: result.md5 };
  progress('registering', 0);
  result.resourceName = (await registerResource(ctx, api, stored)) || result.resourceName;
  progress('registering', 100);
  if (!o.deviceId) return result;

  progress('delivering', 0);
  result.delivery = await deliverResource(ctx, api, {
    deviceId: fullDeviceId(productId, o.deviceId),
    resourceName: result.resourceName,
    resourceVer,
    timeoutMs: o.deliveryTimeoutMs,
    pollIntervalMs: o.deliveryPollIntervalMs,
  });
  progress('delivering', 100);
  return result;
}

/**
 * The whole pipeline without UI: check, hash, sign, PUT, and optionally register and deliver.
 * The returned Promise has `abort()`, which stops what is in flight and rejects with `Aborted`.
 */
export function uploadResource(options: UploadResourceOptions): UploadTask {
  const scope = new AbortScope();
  const locale = normalizeLocale(options && options.locale);
  const secrets = new Secrets();
  const promise = new Promise<UploadResult>((resolve, reject) => {
    const aborted = () => worded(UploadError.of('Aborted'), locale);
    scope.onAbort(() => reject(aborted()));
    run(options, scope, secrets).then(
      (result) => resolve(surfaceResult(result, secrets)),
      (err) => {
        if (scope.aborted) return reject(aborted());
        // Anything but an UploadError is a bug (ours or the platform's): surface it unchanged.
        reject(err instanceof UploadError ? surfaceError(err, secrets, locale) : err);
      },
    );
  }) as UploadTask;
  promise.abort = () => scope.abort();
  return promise;
}
