import { AbortScope } from '../abort';
import { AccessTokenSession } from '../request/access-token';
import { heldPlatform, throwIfAborted, UploadContext } from '../request/context';
import { uploadAborted, UploadError, worded } from '../errors/upload-error';
import { FilePass, startFilePass } from './file-pass';
import { normalizeLocale } from '../i18n/locale';
import { contentTypeFor } from './mime';
import { ReportProgress, UploadResourceOptions, UploadResult, UploadTask } from './options';
import type { FileInfo, Platform, PlatformLifecycle } from '../platform';
import { Secrets } from '../request/redact';
import { registerAndDeliver, resourceNameIn } from './register-deliver';
import { putObject } from './storage';
import { surfaceError, surfaceResult } from '../request/surface';
import { callAction, cleanRequestId, SignedUrl, TokenApiAction, TokenApiClient } from '../request/token-api';
import { isAllowedUploadUrl } from '../request/url';
import { checkRequest, checkSize } from './validate';
import { CheckedOptions, checkOptions, CommonOptions } from './option-check';
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

/**
 * A call of the JS API as a task: `work` runs with the scope `abort()` stops and the call's
 * secrets. What it throws reaches the host redacted and worded in the locale asked for; once
 * aborted, the task rejects with `Aborted` at once, whatever is still in flight.
 */
export function startTask<T>(options: { locale?: unknown } | null, work: (scope: AbortScope, secrets: Secrets) => Promise<T>): Promise<T> & { abort(): void } {
  const scope = new AbortScope();
  const locale = normalizeLocale(options && options.locale);
  const secrets = new Secrets();
  const task = new Promise<T>((resolve, reject) => {
    const aborted = () => reject(worded(uploadAborted(), locale));
    scope.onAbort(aborted);
    work(scope, secrets).then(resolve, (err) => {
      if (scope.aborted) aborted();
      // Anything but an UploadError is a bug (ours or the platform's): surface it unchanged.
      else reject(err instanceof UploadError ? surfaceError(err, secrets, locale) : err);
    });
  }) as Promise<T> & { abort(): void };
  task.abort = () => scope.abort();
  return task;
}

/** What a call of the JS API runs with: its context and its token API client. */
export function openSession(options: { platform?: Platform }, c: CommonOptions, scope: AbortScope, secrets: Secrets): { ctx: UploadContext; api: TokenApiClient } {
  const platform = options.platform || defaultPlatform();
  // Outside WeChat (Node, a browser) the caller names its platform.
  if (!platform) throw new TypeError('no platform: pass options.platform');
  const ctx: UploadContext = { platform, scope, secrets, retries: c.retries, retryDelayMs: c.retryDelayMs, timeoutMs: c.timeoutMs };
  // The context is the provider's wait too: its platform's timers, its scope, its timeout.
  return { ctx, api: { endpoint: c.endpoint, token: new AccessTokenSession(c.accessToken, secrets, ctx) } };
}

/**
 * An action that answers with a presigned URL in `field` (an upload's, or a stored file's). The
 * URL is registered as a secret first: even a refused one may carry a signature that must never
 * be shown, and a server RequestId echoing it gives way to the one sent. A URL holding the token
 * would carry it on to the storage host: InvalidResponse, as for one that is not allowed.
 */
export async function signedUrl(ctx: UploadContext, api: TokenApiClient, action: TokenApiAction, params: Record<string, unknown>, field: string): Promise<SignedUrl> {
  const answer = await callAction(ctx, api, action, params);
  const url = answer.data[field];
  if (typeof url === 'string') ctx.secrets.addUrl(url);
  const requestId = cleanRequestId(ctx.secrets, answer);
  if (typeof url !== 'string' || ctx.secrets.holdsToken(url) || !isAllowedUploadUrl(url, api.endpoint)) throw UploadError.of('InvalidResponse', {}, requestId);
  return { url, requestId, data: answer.data };
}

async function run(options: UploadResourceOptions, scope: AbortScope, secrets: Secrets): Promise<UploadResult> {
  const o = checkOptions(options);
  checkRequest(o, o.resourceName);
  if (!o.filePath) throw UploadError.of('FileReadError');
  const { ctx, api } = openSession(options, o, scope, secrets);
  const onProgress = options.onProgress;
  const progress: ReportProgress = (phase, percent) => {
    throwIfAborted(ctx);
    try {
      if (onProgress) onProgress({ phase, percent });
    } catch {
      // A host's progress handler must not be able to break the upload.
    }
  };
  const givenName = o.resourceName;
  // Held until this upload settles (finally, below), so no other upload stores a file under it meanwhile.
  const release = givenName ? claimResourceName(o.productId, givenName) : () => undefined;
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

/** The file's PUT, and the hook that keeps its bytes only while they are of use: `close()` when done. */
interface FilePut {
  /** The PUT of the file to `to` with `md5` as Content-MD5; false when the URL had expired. */
  put(to: SignedUrl, md5: string): Promise<boolean>;
  close(): void;
}

/**
 * On a platform that holds requests back (the queue's life-cycle gate), a PUT the life cycle cut
 * (or that came due while held back) drops the file's bytes and their budget, waits holding
 * nothing, then reads the file again (its size and MD5 checked again) and goes again with the same
 * URL: no retry counted. A URL that expired meanwhile is the usual 403, answered with one new URL
 * by the caller. Elsewhere `Interrupted` ends the upload.
 */
function filePut(ctx: UploadContext, pass: FilePass, o: CheckedOptions): FilePut {
  const held = heldPlatform(ctx.platform);
  let putting = false;
  // Bytes read early (beside the hash) are not kept while the file waits before its PUT (signing
  // while hidden, say); during the PUT the gate decides (a PUT cut is dropped below).
  const close = held ? held.onHeld(() => putting || pass.drop()) : () => undefined;
  const put = async (to: SignedUrl, md5: string): Promise<boolean> => {
    for (let round = 0; ; round++) {
      let body: ArrayBuffer | null = await pass.bytes();
      putting = true;
      try {
        return await putObject(ctx, { to, body, contentType: contentTypeFor(o.name), md5, minUploadRate: o.minUploadRate });
      } catch (err) {
        if (!held || !(err instanceof UploadError) || err.code !== 'Interrupted') throw err;
      } finally {
        putting = false;
      }
      // Nothing of the file is kept through the wait, not even by this frame.
      body = null;
      pass.drop();
      await held.whenRequestsMayGo(ctx.scope, round);
    }
  };
  return { put, close };
}

/** Hash, sign, PUT, and optionally register and deliver: the upload once every check has passed. */
async function pipeline(ctx: UploadContext, api: TokenApiClient, o: CheckedOptions, progress: ReportProgress): Promise<UploadResult> {
  const { productId, resourceVer, name, filePath } = o;
  const givenName = o.resourceName;
  const issue = (userResourceName: string, size: number) =>
    signedUrl(ctx, api, 'AppGetResourceUploadURL', { ProductId: productId, UserResourceName: userResourceName, FileSize: size, ResourceVer: resourceVer }, 'UploadUrl');

  progress('hashing', 0);
  const pass = await startFilePass(ctx, filePath, (size) => checkSize(size, o.maxSize));
  const { put, close } = filePut(ctx, pass, o);

  let info: FileInfo;
  let userResourceName: string;
  let issued: SignedUrl;
  try {
    // A fixed name leaves the URL needing only the size: ask for it while the file is hashed. The
    // PUT still waits for the MD5: Content-MD5 goes out before the body (SPEC "Wire").
    const early = givenName && pass.size !== null ? issue(givenName, pass.size) : null;
    if (early) early.catch(() => undefined); // Awaited below, after the hash.
    info = await pass.info;
    userResourceName = givenName || info.md5;
    progress('hashing', 100);

    progress('signing', 0);
    // The stat is a hint: a URL asked for with another size than the hash saw is not used.
    issued = await (early && info.size === pass.size ? early : issue(userResourceName, info.size));
    progress('signing', 100);

    // The bytes are held only while this file holds its share of the app-wide memory budget,
    // and given back when the PUT settles, whatever the outcome (SPEC "Never (added)").
    progress('uploading', 0);
    if (!(await put(issued, info.md5))) {
      // SPEC wire rule 3: one new URL (and RequestId) after an expired one, then one more PUT.
      issued = await issue(userResourceName, info.size);
      if (!(await put(issued, info.md5))) throw UploadError.of('Storage.AccessDenied', { status: 403 }, issued.requestId);
    }
  } finally {
    close();
    pass.release();
  }
  progress('uploading', 100);

  const result: UploadResult = {
    name,
    path: filePath,
    size: info.size,
    md5: info.md5,
    userResourceName,
    resourceName: resourceNameIn(issued.data),
    resourceVer,
    requestId: issued.requestId,
  };
  return o.register || o.deviceId ? registerAndDeliver(ctx, api, o, result, progress) : result;
}

/**
 * The whole pipeline without UI: check, hash, sign, PUT, and optionally register and deliver.
 * The returned Promise has `abort()`, which stops what is in flight and rejects with `Aborted`.
 */
export function uploadResource(options: UploadResourceOptions): UploadTask {
  return startTask(options, async (scope, secrets) => surfaceResult(await run(options, scope, secrets), secrets));
}
