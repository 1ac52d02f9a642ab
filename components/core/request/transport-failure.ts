/**
 * A request that got no HTTP answer, turned into the code a host can act on. Platforms only say
 * what happened (`TransportError.kind`); the words WeChat uses are read here, in one place.
 */
import { UploadError } from '../errors/upload-error';
import { PlatformRequest, TransportError, TransportFailure } from '../platform';
import { originOf, parseUrl } from './url';

/** platform-facts §5: the domain list refusal is errno 600002 / "url not in domain list". */
export const DOMAIN_NOT_ALLOWED_ERRNO = 600002;

/**
 * WeChat's `fail` text (and errno) → what happened. Never `aborted`: a text saying "abort"
 * (`net::ERR_ABORTED`, `ERR_CONNECTION_ABORTED`) is the network's doing; only the package's own
 * abort is `Aborted`, and the platform knows that without reading any text.
 */
export function classifyFailure(errMsg: unknown, errno?: unknown): Exclude<TransportFailure, 'aborted'> {
  const text = typeof errMsg === 'string' ? errMsg : '';
  if (errno === DOMAIN_NOT_ALLOWED_ERRNO || /not in domain list/i.test(text)) return 'domain';
  if (/\binterrupted\b/i.test(text)) return 'interrupted';
  if (/timed?[ _-]?out/i.test(text)) return 'timeout';
  return 'network';
}

/** `https://host[:port]` of the refused URL: exactly what goes on the request domain list. */
export function domainToAdd(url: string): string {
  const parsed = parseUrl(url);
  return parsed ? originOf({ ...parsed, scheme: 'https' }) : '';
}

/** Any failure without an answer (a rejected task, or a platform that threw) → an UploadError. */
export function transportError(req: PlatformRequest, err: unknown): UploadError {
  let kind: TransportFailure;
  if (err instanceof TransportError) kind = err.kind;
  else {
    const e = (err || {}) as { errMsg?: unknown; message?: unknown; errno?: unknown };
    kind = classifyFailure(typeof e.errMsg === 'string' ? e.errMsg : e.message, e.errno);
  }
  if (kind === 'domain') return UploadError.of('DomainNotAllowed', { domain: domainToAdd(req.url) });
  // 'aborted' here means the platform stopped a request the package did not stop: a network fault.
  return UploadError.of(kind === 'timeout' ? 'Timeout' : kind === 'interrupted' ? 'Interrupted' : 'NetworkError');
}
