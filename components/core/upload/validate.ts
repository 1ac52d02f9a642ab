import { UploadError } from '../errors/upload-error';
import { isAllowedEndpointUrl } from '../request/url';

export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

export function isValidResourceName(name: string): boolean {
  return RESOURCE_NAME_PATTERN.test(name);
}

/** SPEC: `https:`, or `http:` on a literal loopback host (the local emulator); one strict parser decides. */
export function isAllowedEndpoint(url: unknown): boolean {
  return isAllowedEndpointUrl(url);
}

export interface RequestChecks {
  productId: unknown;
  endpoint: string;
  resourceName: string;
  hasToken: boolean;
}

/** Everything that can be refused before the file is touched or any request is sent. */
export function checkRequest(c: RequestChecks): void {
  if (typeof c.productId !== 'string' || !c.productId.trim()) throw UploadError.of('MissingProductId');
  if (!isAllowedEndpoint(c.endpoint)) throw UploadError.of('InsecureEndpoint');
  if (c.resourceName && !isValidResourceName(c.resourceName)) throw UploadError.of('InvalidResourceName');
  if (!c.hasToken) throw UploadError.of('MissingAccessToken');
}

/** SPEC size bounds, checked on the platform's file info before any network call. */
export function checkSize(size: number, maxSize: number): void {
  if (size === 0) throw UploadError.of('EmptyFile');
  if (size > maxSize) throw UploadError.of('FileTooLarge', { size, maxSize });
}
