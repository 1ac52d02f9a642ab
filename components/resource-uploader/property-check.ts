/**
 * Property values the component cannot work with. `concurrency` is clamped (as in 0.1); these
 * become an `InvalidOption` error instead, and the chooser stays closed until they are fixed.
 */
import type { Props } from './props';
import type { BadProperty } from './texts';

export type { BadProperty };

function usableNumber(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value);
}

/** The first unusable property, or null. */
export function badProperty(p: Pick<Props, 'maxCount' | 'maxSize' | 'extension'> & Partial<Pick<Props, 'minUploadRate'>>): BadProperty | null {
  if (!usableNumber(p.maxCount) || p.maxCount < 1) return 'max-count';
  if (!usableNumber(p.maxSize) || p.maxSize < 0) return 'max-size';
  if (!Array.isArray(p.extension) && typeof p.extension !== 'string') return 'extension';
  // Bytes per second; 0 means the default (as `timeout: 0` does), absent too.
  if (p.minUploadRate !== undefined && p.minUploadRate !== null && (!usableNumber(p.minUploadRate) || p.minUploadRate < 0)) return 'min-upload-rate';
  return null;
}
