import { UploadError } from '../errors/upload-error';
import { hasAccessTokenProvider } from '../request/access-token';
import { isAllowedEndpointUrl } from '../request/url';
import type { CommonOptions } from './option-check';

export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

export function isValidResourceName(name: string): boolean {
  return RESOURCE_NAME_PATTERN.test(name);
}

/** SPEC: `https:`, or `http:` on a literal loopback host (the local emulator); one strict parser decides. */
export const isAllowedEndpoint = isAllowedEndpointUrl;

/** Everything that can be refused before the file is touched or any request is sent (the options already checked). */
export function checkRequest(c: CommonOptions, resourceName: string): void {
  if (!c.productId) throw UploadError.of('MissingProductId');
  if (!isAllowedEndpointUrl(c.endpoint)) throw UploadError.of('InsecureEndpoint');
  if (resourceName && !RESOURCE_NAME_PATTERN.test(resourceName)) throw UploadError.of('InvalidResourceName');
  if (!c.accessToken && !hasAccessTokenProvider()) throw UploadError.of('MissingAccessToken');
}

/** SPEC size bounds, checked on the platform's file info before any network call. */
export function checkSize(size: number, maxSize: number): void {
  if (size === 0) throw UploadError.of('EmptyFile');
  if (size > maxSize) throw UploadError.of('FileTooLarge', { size, maxSize });
}
