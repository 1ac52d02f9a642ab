import type { Platform } from '../platform';

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i + 0x100).toString(16).slice(1));

/**
 * A fresh UUID v4 for every token-API call (retries included), as the API page recommends.
 * WeChat has no synchronous CSPRNG; uniqueness, not secrecy, is what a RequestId needs.
 */
export function newRequestId(platform?: Pick<Platform, 'randomBytes'>): string {
  const bytes = platform && platform.randomBytes ? platform.randomBytes(16) : mathRandomBytes(16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[bytes[i]];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

function mathRandomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256);
  return out;
}
