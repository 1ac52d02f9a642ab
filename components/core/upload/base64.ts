/**
 * Base64 without `btoa` (absent from the mini-program engine): `Content-MD5` is the base64 of the
 * 16 MD5 bytes, and the MD5 arrives as hex from the platform's native digest.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `'d41d8cd9…'` → `'1B2M2Y8Asg…'`; hex of odd length or with other characters is a bug upstream. */
export function base64OfHex(hex: string): string {
  let out = '';
  // Each 3 bytes (6 hex digits) make 4 characters; a last group of 1 or 2 bytes makes 2 or 3, and '=' pads.
  for (let i = 0; i + 1 < hex.length; i += 6) {
    const bytes = Math.min(3, Math.floor((hex.length - i) / 2));
    const n = parseInt(hex.slice(i, i + 2 * bytes).padEnd(6, '0'), 16);
    for (let k = 0; k < 4; k++) out += k <= bytes ? ALPHABET[(n >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}
