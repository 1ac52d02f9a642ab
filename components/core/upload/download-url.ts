/**
 * Files already stored: `getResourceDownloadUrl` asks `AppGetResourceDownloadUrl` for a presigned
 * COS GET URL of what an earlier upload stored under a name and version (SPEC 0.3 "For hosts").
 * It fails as the upload-URL call does (the same token API client, retries, token provider and
 * codes); the URL's signature is a secret like an upload URL's, so it is registered before
 * anything is checked, and only the `url` handed back carries it.
 */
import { AbortScope } from '../abort';
import { UploadError } from '../errors/upload-error';
import { normalizeLocale } from '../i18n/locale';
import type { Locale } from '../i18n/locale';
import { worded } from '../i18n/messages';
import type { Platform } from '../platform';
import { AccessTokenSession, hasAccessTokenProvider } from '../request/access-token';
import type { UploadContext } from '../request/context';
import { Secrets } from '../request/redact';
import { surfaceError } from '../request/surface';
import { callAction } from '../request/token-api';
import { isAllowedUploadUrl } from '../request/url';
import { invalidOption, optionalCount, optionalString, optionalTime, RESOURCE_VER_PATTERN } from './option-check';
import { DEFAULTS } from './options';
import { defaultPlatform } from './upload-resource';
import { checkRequest } from './validate';

/** The longest `EffectiveTime` the token API takes: 7 days, in seconds. */
export const MAX_EFFECTIVE_TIME = 604800;

export interface DownloadUrlOptions {
  productId: string;
  /** The `userResourceName` an upload stored the file under (its MD5 when no name was given). */
  userResourceName: string;
  resourceVer: string;
  /** From the host's login flow; without it the provider is asked with reason 'missing'. */
  accessToken?: string;
  /** Token API URL; `https:` unless the host is loopback. */
  endpoint?: string;
  /** Seconds the URL stays valid, 1 to 604800; without it none is sent and the service decides. */
  effectiveTime?: number;
  /** Language of the error messages; 'zh-CN' (default) or 'en'. */
  locale?: Locale;
  /** Transient-fault retries; default 2. */
  retries?: number;
  /** Delay before the first retry in ms, doubling each time; default 1000. */
  retryDelay?: number;
  /** Per-request timeout in ms; default 60000. */
  timeout?: number;
  /** Advanced: the platform to run on (default: WeChat's `wx`). */
  platform?: Platform;
}

export interface DownloadUrlResult {
  /** The presigned GET URL: give it to `<image>`, `InnerAudioContext.src`, `wx.downloadFile`… */
  url: string;
  /** RequestId of the `AppGetResourceDownloadUrl` call that issued it. */
  requestId: string;
}

export type DownloadUrlTask = Promise<DownloadUrlResult> & { abort(): void };

interface CheckedDownload {
  params: Record<string, unknown>;
  productId: string;
  accessToken: string;
  endpoint: string;
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
}

/** Every option checked before any request: a wrong type or unusable value is `InvalidOption` naming it. */
function checkDownloadOptions(options: DownloadUrlOptions): CheckedDownload {
  if (typeof options !== 'object' || options === null) throw invalidOption('options');
  const o = options as unknown as Record<string, unknown>;
  if (o.locale !== undefined && o.locale !== null && typeof o.locale !== 'string') throw invalidOption('locale');
  const resourceVer = optionalString(o, 'resourceVer');
  if (!RESOURCE_VER_PATTERN.test(resourceVer)) throw invalidOption('resourceVer');
  const userResourceName = optionalString(o, 'userResourceName');
  const effective = o.effectiveTime;
  if (effective !== undefined && effective !== null && !(typeof effective === 'number' && effective % 1 === 0 && effective >= 1 && effective <= MAX_EFFECTIVE_TIME)) {
    throw invalidOption('effectiveTime');
  }
  const productId = optionalString(o, 'productId').trim();
  const accessToken = optionalString(o, 'accessToken');
  const endpoint = optionalString(o, 'endpoint') || DEFAULTS.endpoint;
  checkRequest({ productId, endpoint, resourceName: userResourceName, hasToken: !!accessToken || hasAccessTokenProvider() });
  // A download names one stored file: no name is not "the MD5", as for an upload, but a mistake.
  if (!userResourceName) throw UploadError.of('InvalidResourceName');
  const params: Record<string, unknown> = { ProductId: productId, UserResourceName: userResourceName, ResourceVer: resourceVer };
  // SPEC 0.3: without `effectiveTime` no `EffectiveTime` is sent.
  if (typeof effective === 'number') params.EffectiveTime = effective;
  return {
    params,
    productId,
    accessToken,
    endpoint,
    retries: Math.floor(optionalCount(o, 'retries', DEFAULTS.retries)),
    retryDelayMs: optionalTime(o, 'retryDelay', DEFAULTS.retryDelay, false),
    timeoutMs: optionalTime(o, 'timeout', DEFAULTS.timeout, true),
  };
}

async function run(options: DownloadUrlOptions, scope: AbortScope, secrets: Secrets): Promise<DownloadUrlResult> {
  const c = checkDownloadOptions(options);
  const platform = options.platform || defaultPlatform();
  if (!platform) throw new TypeError('getResourceDownloadUrl: no platform (pass options.platform outside WeChat)');
  const ctx: UploadContext = { platform, scope, secrets, retries: c.retries, retryDelayMs: c.retryDelayMs, timeoutMs: c.timeoutMs };
  const token = new AccessTokenSession(c.accessToken, secrets, { platform, scope, timeoutMs: c.timeoutMs });
  const answer = await callAction(ctx, { endpoint: c.endpoint, token }, 'AppGetResourceDownloadUrl', c.params);
  const url = answer.data.DownloadUrl;
  // Registered first: even a refused URL may carry a signature that must never be shown.
  if (typeof url === 'string') secrets.addUrl(url);
  // Checked only now that the URL's signature is known: a server id echoing it gives way to ours.
  const requestId = secrets.holds(answer.requestId) ? answer.sentRequestId : answer.requestId;
  if (typeof url !== 'string' || !isAllowedUploadUrl(url, c.endpoint)) throw UploadError.of('InvalidResponse', {}, requestId);
  return { url, requestId };
}

/**
 * The presigned GET URL of a stored file. The Promise also has `abort()`, which stops what is in
 * flight and rejects with `Aborted`.
 */
export function getResourceDownloadUrl(options: DownloadUrlOptions): DownloadUrlTask {
  const scope = new AbortScope();
  const locale = normalizeLocale(options && options.locale);
  const secrets = new Secrets();
  const promise = new Promise<DownloadUrlResult>((resolve, reject) => {
    const aborted = () => worded(UploadError.of('Aborted'), locale);
    scope.onAbort(() => reject(aborted()));
    run(options, scope, secrets).then(resolve, (err) => {
      if (scope.aborted) return reject(aborted());
      reject(err instanceof UploadError ? surfaceError(err, secrets, locale) : err);
    });
  }) as DownloadUrlTask;
  promise.abort = () => scope.abort();
  return promise;
}
