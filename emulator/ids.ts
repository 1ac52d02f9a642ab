/** Random identifiers in the shapes the real services use. */
import { randomBytes, randomInt, randomUUID } from 'crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function uuid(): string {
  return randomUUID();
}

/** `n` decimal digits without a leading zero, like the `96666666666` prefix of upload keys and user ids. */
export function randomDigits(n: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < n) out += String(randomInt(0, 10));
  return out;
}

export function randomAlnum(n: number, alphabet: string = ALNUM): string {
  let out = '';
  while (out.length < n) out += alphabet[randomInt(0, alphabet.length)];
  return out;
}

/** COS request ids are opaque base64 strings, e.g. `NjU4YTJhYjlfMjZiMjU4NjRfMjE0YjhfMWE=`. */
export function cosRequestId(): string {
  return randomBytes(24).toString('base64');
}
