import type { Locale } from '../i18n/locale';
import type { Platform } from '../platform';

export type UploadPhase = 'hashing' | 'signing' | 'uploading' | 'registering' | 'delivering';

export interface UploadProgress {
  phase: UploadPhase;
  /**
   * 0 when a phase starts and 100 when it ends. WeChat gives no byte progress for a PUT,
   * so there is nothing honest to report in between.
   */
  percent: number;
}

/** How the pipeline reports a phase starting (0) and ending (100). */
export type ReportProgress = (phase: UploadPhase, percent: number) => void;

/**
 * Every `uploadResource` option that has a default, with it: the one list of them. The options'
 * types are derived from it (`DefaultedOptions`), and option-check.ts must check each one, so an
 * option added here cannot miss its type or its check. README "JS API" says what each means:
 * `maxSize` in bytes (more than 0; WeChat reads at most 100 MB into memory), times in ms
 * (`timeout` 0: the default; `deliveryPollInterval` at least 1000), `minUploadRate` in bytes per
 * second (a PUT's timeout is `timeout` + size / rate). Comments inside the object would ship.
 */
export const DEFAULTS = {
  endpoint: 'https://iot.cloud.tencent.com/api/exploreropen/tokenapi',
  resourceVer: '0.0.1',
  maxSize: 104857600,
  retries: 2,
  retryDelay: 1000,
  timeout: 60000,
  deliveryTimeout: 36000,
  deliveryPollInterval: 5000,
  minUploadRate: 131072,
} satisfies Record<string, string | number>;

/** The options that have a default, typed from `DEFAULTS` (strings and numbers, not the literals). */
export type DefaultedOptions = { -readonly [K in keyof typeof DEFAULTS]: (typeof DEFAULTS)[K] };

/** `uploadResource` options: SPEC's component properties in camelCase, plus the file. */
export interface UploadResourceOptions extends Partial<DefaultedOptions> {
  /** Local path of the file (a WeChat temp path; a file path in Node). Required. */
  filePath: string;
  /** Name shown to the user; default: the path's last segment. */
  name?: string;
  productId: string;
  /** From the host's login flow; without it the provider is asked with reason 'missing'. */
  accessToken?: string;
  /** `UserResourceName`; default: the file's MD5 (lower-case hex). `[A-Za-z0-9_.-]` only. */
  resourceName?: string;
  /** Register the file with AppCreateProductResource after the PUT. */
  register?: boolean;
  /** Send the file to this device (`ProductId/DeviceName`, or just `DeviceName`); implies `register`. */
  deviceId?: string;
  /** 'zh-CN' (default) or 'en'; a locale a host gave texts with `setMessages` works too (cast it: `'ja' as Locale`). */
  locale?: Locale;
  onProgress?: (progress: UploadProgress) => void;
  /** Advanced: the platform to run on (default: WeChat's `wx`). Tests, Node and browsers pass their own. */
  platform?: Platform;
}

export interface UploadResult {
  name: string;
  /** The `filePath` that was uploaded (SPEC 0.2: `success` carries it, and the result is `success` without `id`). */
  path: string;
  size: number;
  md5: string;
  userResourceName: string;
  resourceName: string;
  resourceVer: string;
  /** RequestId of the AppGetResourceUploadURL call whose URL stored the file. */
  requestId: string;
  /** Only when `deviceId` was given. */
  delivery?: 'delivered' | 'pending';
}

export type UploadTask = Promise<UploadResult> & { abort(): void };
