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

/** `uploadResource` options: SPEC's component properties in camelCase, plus the file. */
export interface UploadResourceOptions {
  /** Local path of the file (a WeChat temp path; a file path in Node). Required. */
  filePath: string;
  /** Name shown to the user; default: the path's last segment. */
  name?: string;
  productId: string;
  /** From the host's login flow; without it the provider is asked with reason 'missing'. */
  accessToken?: string;
  /** Default '0.0.1'. */
  resourceVer?: string;
  /** `UserResourceName`; default: the file's MD5 (lower-case hex). `[A-Za-z0-9_.-]` only. */
  resourceName?: string;
  /** Token API URL; `https:` unless the host is loopback. */
  endpoint?: string;
  /** Register the file with AppCreateProductResource after the PUT. */
  register?: boolean;
  /** Send the file to this device (`ProductId/DeviceName`, or just `DeviceName`); implies `register`. */
  deviceId?: string;
  /** Bytes; default 100 MiB (WeChat reads at most 100 MB into memory). */
  maxSize?: number;
  /** 'zh-CN' (default) or 'en'; a locale a host gave texts with `setMessages` works too (cast it: `'ja' as Locale`). */
  locale?: Locale;
  /** Transient-fault retries per call; default 2. */
  retries?: number;
  /** Delay before the first retry in ms, doubling each time; default 1000. */
  retryDelay?: number;
  /** Per-request timeout of token-API calls in ms; the PUT gets more for big files. Default 60000. */
  timeout?: number;
  /**
   * The slowest upload rate still accepted, in bytes per second (default 131072, 1 Mbit/s): the
   * PUT's timeout is `timeout` + size / minUploadRate. WeChat caps requests at 60 s unless the
   * app raises `networkTimeout.request` in app.json (see README).
   */
  minUploadRate?: number;
  /** How long to wait for the device to confirm delivery, in ms; default 36000 (the official demo's). */
  deliveryTimeout?: number;
  /** How often to ask whether the device has the file, in ms; default 5000. */
  deliveryPollInterval?: number;
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
};
