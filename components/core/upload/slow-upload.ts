/**
 * Weak signal. WeChat gives no upload progress for a PUT, so a stall and a slow link look the
 * same: the PUT gets the usual timeout plus the time the file needs at `minUploadRate`, and when
 * a large one still runs out of time the error carries the file's size (`detail.slowBytes`), so
 * its message, in whatever locale, says the connection was too slow for this file, not to "check
 * the network" (which is up, just slow).
 */
import { UploadError } from '../errors/upload-error';

/** 128 KiB/s, a 1 Mbit/s uplink: 1 s of allowance per 128 KiB, as in 0.1. */
export const DEFAULT_MIN_UPLOAD_RATE = 131072;

/** A usable rate in bytes per second: a positive finite number, else the default. */
export function normalizeMinUploadRate(value: unknown): number {
  return typeof value === 'number' && isFinite(value) && value > 0 ? value : DEFAULT_MIN_UPLOAD_RATE;
}

/** The time the bytes need at the slowest rate still accepted, in ms. */
export function sizeAllowanceMs(bytes: number, minUploadRate: unknown): number {
  return Math.ceil((bytes * 1000) / normalizeMinUploadRate(minUploadRate));
}

/** The PUT's timeout: the usual one plus the size's allowance. */
export function putTimeoutMs(baseTimeoutMs: number, bytes: number, minUploadRate: unknown = DEFAULT_MIN_UPLOAD_RATE): number {
  return baseTimeoutMs + sizeAllowanceMs(bytes, minUploadRate);
}

/**
 * "Large" means the file's size made up a real part of the time allowed: at least 10 s of it
 * (1.25 MiB at the default rate) or as much as the usual timeout, whichever is less.
 */
export function isLargePut(baseTimeoutMs: number, bytes: number, minUploadRate: unknown): boolean {
  return sizeAllowanceMs(bytes, minUploadRate) >= Math.min(10000, baseTimeoutMs);
}

/** A PUT's Timeout for a large file: still `Timeout`, still retryable; its message says the link was too slow for this file. */
export function slowUploadError(timeout: UploadError, bytes: number): UploadError {
  return timeout.with({ detail: { ...timeout.detail, slowBytes: bytes } });
}
