/**
 * Every `uploadResource` option checked in one place, before the file is touched or any request is
 * sent: a wrong type or an unusable value (NaN, negative, non-finite, a number where a string
 * belongs) is `InvalidOption` naming the option, instead of a TypeError after the PUT or a value
 * silently replaced by a default.
 */
import { UploadError } from '../errors/upload-error';
import { DEFAULTS, DefaultedOptions, UploadResourceOptions } from './options';
import { clampTimer } from '../time';

/** Options given in ms are checked into fields whose name says so. */
type TimeOption = 'retryDelay' | 'timeout' | 'deliveryTimeout' | 'deliveryPollInterval';
type CheckedName<K extends string> = K extends TimeOption ? `${K}Ms` : K;

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

/** Polls closer than this would only load the service (issue 10: 1,953 polls in 3 s). */
export const MIN_POLL_INTERVAL_MS = 1000;

/** `ResourceVer` goes into the stored object's key: the resource-name alphabet, at most 64 characters. */
export const RESOURCE_VER_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export function invalidOption(option: string): UploadError {
  return UploadError.of('InvalidOption', { option });
}

export function optionalString(o: Record<string, unknown>, key: string): string {
  const value = o[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalidOption(key);
  return value;
}

function optionalBoolean(o: Record<string, unknown>, key: string): boolean {
  const value = o[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidOption(key);
  return value;
}

/** A finite number >= 0, or the default when absent (and when 0, if `zeroIsDefault`). */
export function optionalCount(o: Record<string, unknown>, key: string, fallback: number, zeroIsDefault = false): number {
  const value = o[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !isFinite(value) || value < 0) throw invalidOption(key);
  return value === 0 && zeroIsDefault ? fallback : value;
}

/** A time in ms: 0 means the default where `zeroIsDefault`; above 2^31-1 counts as 2^31-1. */
export function optionalTime(o: Record<string, unknown>, key: string, fallback: number, zeroIsDefault: boolean): number {
  return clampTimer(optionalCount(o, key, fallback, zeroIsDefault));
}

function lastSegment(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1) || path;
}

export function checkOptions(options: UploadResourceOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw invalidOption('options');
  const o = options as unknown as Record<string, unknown>;
  const resourceVer = optionalString(o, 'resourceVer') || DEFAULTS.resourceVer;
  if (!RESOURCE_VER_PATTERN.test(resourceVer)) throw invalidOption('resourceVer');
  // A locale of the wrong type is the caller's mistake, not a silent zh-CN.
  if (o.locale !== undefined && o.locale !== null && typeof o.locale !== 'string') throw invalidOption('locale');
  if (o.onProgress !== undefined && o.onProgress !== null && typeof o.onProgress !== 'function') throw invalidOption('onProgress');
  // A missing path is FileReadError as in 0.1; a path of the wrong type is the caller's mistake.
  if (o.filePath !== undefined && o.filePath !== null && typeof o.filePath !== 'string') throw invalidOption('filePath');
  const filePath = typeof o.filePath === 'string' ? o.filePath : '';
  const maxSize = optionalCount(o, 'maxSize', DEFAULTS.maxSize);
  // SPEC 0.3: no file is refused with a limit of 0 B.
  if (!maxSize) throw invalidOption('maxSize');
  const checked: CheckedOptions = {
    filePath,
    name: optionalString(o, 'name') || lastSegment(filePath),
    productId: optionalString(o, 'productId').trim(),
    accessToken: optionalString(o, 'accessToken'),
    resourceVer,
    resourceName: optionalString(o, 'resourceName'),
    endpoint: optionalString(o, 'endpoint') || DEFAULTS.endpoint,
    register: optionalBoolean(o, 'register'),
    deviceId: optionalString(o, 'deviceId').trim(),
    maxSize,
    retries: Math.floor(optionalCount(o, 'retries', DEFAULTS.retries)),
    retryDelayMs: optionalTime(o, 'retryDelay', DEFAULTS.retryDelay, false),
    timeoutMs: optionalTime(o, 'timeout', DEFAULTS.timeout, true),
    deliveryTimeoutMs: optionalTime(o, 'deliveryTimeout', DEFAULTS.deliveryTimeout, true),
    deliveryPollIntervalMs: Math.max(MIN_POLL_INTERVAL_MS, optionalTime(o, 'deliveryPollInterval', DEFAULTS.deliveryPollInterval, true)),
    // 0 means the default, as for the time values; a rate cannot be negative or infinite.
    minUploadRate: optionalCount(o, 'minUploadRate', DEFAULTS.minUploadRate, true),
  };
  return checked;
}
