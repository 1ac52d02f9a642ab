import { UploadError } from './errors';
import type { Locale } from './messages';

export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

export function isValidResourceName(name: string): boolean {
  return RESOURCE_NAME_PATTERN.test(name);
}

/** The host part of an absolute http(s) URL, without brackets; null when it is not one. */
function parseHttpUrl(url: string): { scheme: string; host: string } | null {
  // No `URL` global on every mini-program base library, so a strict pattern instead.
  const m = /^(https?):\/\/(?:[^@/?#]*@)?(\[[0-9a-fA-F:.]+\]|[^:/?#[\]]+)(?::\d{1,5})?(?:[/?#]|$)/i.exec(url);
  return m ? { scheme: m[1].toLowerCase(), host: m[2].replace(/^\[|\]$/g, '').toLowerCase() } : null;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** SPEC: `https:` unless the host is loopback (the local emulator). */
export function isAllowedEndpoint(url: string): boolean {
  const parsed = typeof url === 'string' ? parseHttpUrl(url) : null;
  if (!parsed) return false;
  return parsed.scheme === 'https' || isLoopbackHost(parsed.host);
}

export interface RequestChecks {
  productId: unknown;
  endpoint: string;
  resourceName: string;
  hasToken: boolean;
}

/** Everything that can be refused before the file is touched or any request is sent. */
export function checkRequest(c: RequestChecks, locale: Locale): void {
  if (typeof c.productId !== 'string' || !c.productId.trim()) throw UploadError.of('MissingProductId', locale);
  if (!isAllowedEndpoint(c.endpoint)) throw UploadError.of('InsecureEndpoint', locale);
  if (c.resourceName && !isValidResourceName(c.resourceName)) throw UploadError.of('InvalidResourceName', locale);
  if (!c.hasToken) throw UploadError.of('MissingAccessToken', locale);
}

/** SPEC size bounds, checked on the platform's file info before any network call. */
export function checkSize(size: number, maxSize: number, locale: Locale): void {
  if (size === 0) throw UploadError.of('EmptyFile', locale);
  if (size > maxSize) throw UploadError.of('FileTooLarge', locale, { size, maxSize });
}
