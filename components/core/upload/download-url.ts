/**
 * Files already stored: `getResourceDownloadUrl` asks `AppGetResourceDownloadUrl` for a presigned
 * COS GET URL of what an earlier upload stored under a name and version (SPEC 0.3 "For hosts").
 * It fails as the upload-URL call does (the same token API client, retries, token provider and
 * codes); the URL's signature is a secret like an upload URL's, so it is registered before
 * anything is checked, and only the `url` handed back carries it.
 */
import { invalidOption, UploadError } from '../errors/upload-error';
import type { Locale } from '../i18n/locale';
import type { Platform } from '../platform';
import { optionalString, optionsRecord, checkCommon } from './option-check';
import { openSession, signedUrl, startTask } from './upload-resource';
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

/**
 * The presigned GET URL of a stored file. The Promise also has `abort()`, which stops what is in
 * flight and rejects with `Aborted`.
 */
export function getResourceDownloadUrl(options: DownloadUrlOptions): DownloadUrlTask {
  return startTask(options, async (scope, secrets) => {
    // Every option checked before any request: a wrong type or unusable value is `InvalidOption` naming it.
    const o = optionsRecord(options);
    // Typed as what it must be; Number.isInteger below is false for anything else (JavaScript callers).
    const effective = o.effectiveTime as number | null | undefined;
    if (effective !== undefined && effective !== null && !(Number.isInteger(effective) && effective >= 1 && effective <= MAX_EFFECTIVE_TIME)) {
      throw invalidOption('effectiveTime');
    }
    const c = checkCommon(o, '');
    const userResourceName = optionalString(o, 'userResourceName');
    checkRequest(c, userResourceName);
    // A download names one stored file: no name is not "the MD5", as for an upload, but a mistake.
    if (!userResourceName) throw UploadError.of('InvalidResourceName');
    const params: Record<string, unknown> = { ProductId: c.productId, UserResourceName: userResourceName, ResourceVer: c.resourceVer };
    // SPEC 0.3: without `effectiveTime` no `EffectiveTime` is sent.
    if (typeof effective === 'number') params.EffectiveTime = effective;
    const { ctx, api } = openSession(options, c, scope, secrets);
    const { url, requestId } = await signedUrl(ctx, api, 'AppGetResourceDownloadUrl', params, 'DownloadUrl');
    return { url, requestId };
  });
}
