import type { Platform } from '../platform';

/**
 * A fresh UUID v4 for every token-API call (retries included), as the API page recommends.
 * WeChat has no synchronous CSPRNG; uniqueness, not secrecy, is what a RequestId needs.
 */
export function newRequestId(platform?: Pick<Platform, 'randomBytes'>): string {
  // A typed array's map keeps the whole part of each value: 0 to 255.
  const bytes = platform && platform.randomBytes ? platform.randomBytes(16) : new Uint8Array(16).map(() => Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  let hex = '';
  for (let i = 0; i < 16; i++) hex += (bytes[i] + 0x100).toString(16).slice(1);
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
