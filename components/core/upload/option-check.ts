/**
 * Every option of the JS API checked in one place, before the file is touched or any request is
 * sent: a wrong type or an unusable value (NaN, negative, non-finite, a number where a string
 * belongs) is `InvalidOption` naming the option, instead of a TypeError after the PUT or a value
 * silently replaced by a default.
 */
import { invalidOption } from '../errors/upload-error';
import { DEFAULTS, DefaultedOptions, UploadResourceOptions } from './options';
import { clampTimer } from '../time';

/** Options given in ms are checked into fields whose name says so. */
type TimeOption = 'retryDelay' | 'timeout' | 'deliveryTimeout' | 'deliveryPollInterval';
type CheckedName<K extends string> = K extends TimeOption ? `${K}Ms` : K;

/** What `uploadResource` and `getResourceDownloadUrl` both take: the token API and how to call it. */
export interface CommonOptions {
  productId: string;
  accessToken: string;
  endpoint: string;
  resourceVer: string;
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
}

/**
 * The options after checking, with defaults applied and time values clamped: every option of
 * `DEFAULTS` (so a new one fails to compile until `checkOptions` checks it), and the others.
 */
export type CheckedOptions = { [K in keyof DefaultedOptions as CheckedName<K>]: DefaultedOptions[K] } & {
  filePath: string;
  name: string;
  productId: string;
  accessToken: string;
  resourceName: string;
  register: boolean;
  deviceId: string;
};

type Options = Record<string, unknown>;

/** Polls closer than this would only load the service (issue 10: 1,953 polls in 3 s). */
const MIN_POLL_INTERVAL_MS = 1000;

/** `ResourceVer` goes into the stored object's key: the resource-name alphabet, at most 64 characters. */
const RESOURCE_VER_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The options as a record; anything but an object is the caller's mistake. */
export function optionsRecord(options: unknown): Options {
  if (typeof options !== 'object' || options === null) throw invalidOption('options');
  return options as Options;
}

/** `o[key]` when it has `type`, `fallback` when it is absent (undefined or null), else InvalidOption. */
function optional<T>(o: Options, key: string, type: string, fallback: T): T {
  const value = o[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== type) throw invalidOption(key);
  return value as T;
}

export function optionalString(o: Options, key: string): string {
  return optional(o, key, 'string', '');
}

/** The options whose default is a number. */
type NumberOption = { [K in keyof DefaultedOptions]: DefaultedOptions[K] extends number ? K : never }[keyof DefaultedOptions];

/** A finite number >= 0, or its default when absent (and when 0, if `zeroIsDefault`). */
function optionalCount(o: Options, key: NumberOption, zeroIsDefault = false): number {
  const fallback = DEFAULTS[key];
  const value = optional(o, key, 'number', fallback);
  if (!isFinite(value) || value < 0) throw invalidOption(key);
  return value === 0 && zeroIsDefault ? fallback : value;
}

/** A time in ms: 0 means the default unless `zeroIsDefault` is false; above 2^31-1 counts as 2^31-1. */
function optionalTime(o: Options, key: TimeOption, zeroIsDefault = true): number {
  return clampTimer(optionalCount(o, key, zeroIsDefault));
}

/** The options both calls take; `resourceVer` falls back to `defaultVer` (none: it is required). */
export function checkCommon(o: Options, defaultVer: string): CommonOptions {
  // A locale of the wrong type is the caller's mistake, not a silent zh-CN.
  optional(o, 'locale', 'string', '');
  const resourceVer = optionalString(o, 'resourceVer') || defaultVer;
  if (!RESOURCE_VER_PATTERN.test(resourceVer)) throw invalidOption('resourceVer');
  return {
    productId: optionalString(o, 'productId').trim(),
    accessToken: optionalString(o, 'accessToken'),
    endpoint: optionalString(o, 'endpoint') || DEFAULTS.endpoint,
    resourceVer,
    retries: Math.floor(optionalCount(o, 'retries')),
    retryDelayMs: optionalTime(o, 'retryDelay', false),
    timeoutMs: optionalTime(o, 'timeout'),
  };
}

export function checkOptions(options: UploadResourceOptions): CheckedOptions {
  const o = optionsRecord(options);
  optional(o, 'onProgress', 'function', null);
  // A missing path is FileReadError as in 0.1 (see `uploadResource`); a path of the wrong type is the caller's mistake.
  const filePath = optionalString(o, 'filePath');
  const maxSize = optionalCount(o, 'maxSize');
  // SPEC 0.3: no file is refused with a limit of 0 B.
  if (!maxSize) throw invalidOption('maxSize');
  return {
    ...checkCommon(o, DEFAULTS.resourceVer),
    filePath,
    // Default: the path's last segment.
    name: optionalString(o, 'name') || filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1) || filePath,
    resourceName: optionalString(o, 'resourceName'),
    register: optional(o, 'register', 'boolean', false),
    deviceId: optionalString(o, 'deviceId').trim(),
    maxSize,
    deliveryTimeoutMs: optionalTime(o, 'deliveryTimeout'),
    deliveryPollIntervalMs: Math.max(MIN_POLL_INTERVAL_MS, optionalTime(o, 'deliveryPollInterval')),
    // 0 means the default, as for the time values; a rate cannot be negative or infinite.
    minUploadRate: optionalCount(o, 'minUploadRate', true),
  };
}
