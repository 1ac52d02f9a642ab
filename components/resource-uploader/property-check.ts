/**
 * Property values the component cannot work with. `concurrency` is clamped (as in 0.1); these
 * become an `InvalidOption` error instead, and the chooser stays closed until they are fixed.
 * Values are checked as they arrived, whatever their declared type.
 */
import { byteCountOf, positiveOr } from './props';
import type { BadProperty } from './texts';

export type { BadProperty };

/** The properties checked here, as received. */
export interface CheckedProperties {
  maxCount: unknown;
  maxSize: unknown;
  extension: unknown;
  minUploadRate?: unknown;
}

/** The first unusable property, or null. */
export function badProperty(p: CheckedProperties): BadProperty | null {
  // A Number property: WeChat has already turned a text into a number (NaN and junk arrive as 0 or null).
  if (typeof p.maxCount !== 'number' || !isFinite(p.maxCount) || p.maxCount < 1) return 'max-count';
  // SPEC 0.3: a positive finite number or a text of decimal digits; 0, NaN, Infinity, "10MB" are not.
  if (!positiveOr(p.maxSize, 0)) return 'max-size';
  if (!Array.isArray(p.extension) && typeof p.extension !== 'string') return 'extension';
  // Bytes per second, read like max-size; 0 means the default (as `timeout: 0` does), absent too.
  const rate = p.minUploadRate === undefined ? 0 : byteCountOf(p.minUploadRate);
  return isFinite(rate) && rate >= 0 ? null : 'min-upload-rate';
}
