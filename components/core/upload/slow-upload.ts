/**
 * Weak signal. WeChat gives no upload progress for a PUT, so a stall and a slow link look the
 * same: the PUT gets the usual timeout plus the time the file needs at `minUploadRate`, and when
 * a large one still runs out of time the error carries the file's size (`detail.slowBytes`), so
 * its message, in whatever locale, says the connection was too slow for this file, not to "check
 * the network" (which is up, just slow).
 */
import { DEFAULTS } from './options';

/** The time the bytes need at the slowest rate still accepted (bytes per second, positive), in ms. */
function sizeAllowanceMs(bytes: number, minUploadRate: number): number {
  return Math.ceil((bytes * 1000) / minUploadRate);
}

/** The PUT's timeout: the usual one plus the size's allowance (the default rate: a 1 Mbit/s uplink). */
export function putTimeoutMs(baseTimeoutMs: number, bytes: number, minUploadRate: number = DEFAULTS.minUploadRate): number {
  return baseTimeoutMs + sizeAllowanceMs(bytes, minUploadRate);
}

/**
 * "Large" means the file's size made up a real part of the time allowed: at least 10 s of it
 * (1.25 MiB at the default rate) or as much as the usual timeout, whichever is less.
 */
export function isLargePut(baseTimeoutMs: number, bytes: number, minUploadRate: number): boolean {
  return sizeAllowanceMs(bytes, minUploadRate) >= Math.min(10000, baseTimeoutMs);
}
