/**
 * HTTP side of the COS-like bucket: `PUT|GET|HEAD /<key>` authorised by a COS v5 signature in
 * `?sign=`, in unmerged `q-*` parameters, or in an `Authorization` header.
 */
import { IncomingMessage, ServerResponse } from 'http';
import { BucketCall } from './calls';
import { RouteContext } from './context';
import { authFieldsFrom, CosAuthFields, parseCosAuthorization, verifyCos } from './cos-signature';
import { CosErrors, CosErrorSpec, cosErrorXml } from './cos-xml';
import { ActiveFault } from './faults';
import { closeAfterAnswer, parseQuery, sendText, splitUrl, waitUnlessGone } from './http-util';
import { cosRequestId } from './ids';
import { ClientGoneError } from './receive-body';

class BucketExchange {
  readonly cosRequestId = cosRequestId();

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    private readonly ctx: RouteContext,
    readonly call: BucketCall,
    /** Raw path as sent, for the `<Resource>` of error bodies. */
    private readonly rawPath: string,
  ) {
    res.setHeader('x-cos-request-id', this.cosRequestId);
  }

  fail(e: CosErrorSpec): void {
    // Answered before the body was read whole (a refused PUT): close cleanly, never a reset.
    closeAfterAnswer(this.req, this.res);
    this.call.errorCode = e.code;
    this.finish(e.status);
    const resource = `${this.req.headers.host ?? ''}${this.rawPath}`;
    const xml = cosErrorXml({ code: e.code, message: e.message, resource, requestId: this.cosRequestId });
    if (this.req.method === 'HEAD') {
      this.res.statusCode = e.status;
      this.res.end();
    } else {
      sendText(this.res, e.status, 'application/xml', xml);
    }
  }

  finish(status: number): void {
    this.call.status = status;
    const suffix = this.call.errorCode ? ` ${this.call.errorCode}` : '';
    // The key is quoted so a client-chosen key cannot forge extra log lines.
    this.ctx.log(`${this.call.method} bucket ${JSON.stringify(this.call.key)} -> ${status || 'dropped'}${suffix}`);
  }
}

function authOf(req: IncomingMessage, query: Map<string, string>): CosAuthFields | null | 'absent' {
  const sign = query.get('sign');
  if (sign !== undefined) return parseCosAuthorization(sign);
  if (query.has('q-signature')) return authFieldsFrom(query);
  const header = req.headers.authorization;
  return header ? parseCosAuthorization(header) : 'absent';
}

/** Null when the request may proceed, else the COS error to answer with. */
function authorize(
  ex: BucketExchange,
  ctx: RouteContext,
  key: string,
  query: Map<string, string>,
): CosErrorSpec | null {
  const auth = authOf(ex.req, query);
  if (auth === 'absent') return CosErrors.anonymous;
  if (auth === null) return CosErrors.malformedAuth;
  const verdict = verifyCos({
    auth,
    secretKeyOf: (id) => ctx.presigner.secretKeyOf(id),
    method: ex.req.method ?? '',
    key: '/' + key,
    query,
    headers: ex.req.headers,
    nowSeconds: Math.floor(ctx.state.now() / 1000),
  });
  switch (verdict) {
    case 'ok':
      return null;
    case 'malformed':
      return CosErrors.malformedAuth;
    case 'unknown-key':
      return CosErrors.unknownKey;
    case 'expired':
      return CosErrors.expired;
    case 'mismatch':
      return CosErrors.signature;
  }
}

/**
 * `Content-MD5` as COS reads it: base64 of the 16 MD5 bytes. Undefined when absent, null when
 * malformed, else the digest in lower-case hex.
 */
function contentMd5Of(req: IncomingMessage): string | undefined | null {
  const header = req.headers['content-md5'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(header.trim())) return null;
  return Buffer.from(header.trim(), 'base64').toString('hex');
}

async function put(ex: BucketExchange, ctx: RouteContext, key: string, fault: ActiveFault | undefined): Promise<void> {
  const contentType = ex.req.headers['content-type'] ?? 'application/octet-stream';
  ex.call.contentType = contentType;
  const expectedMd5 = contentMd5Of(ex.req);
  if (expectedMd5 === null) return ex.fail(CosErrors.invalidDigest);
  const grant = ctx.state.grants.get(key);
  const expected = grant && ctx.state.settings.fileSizeMismatch === 'reject' ? grant.fileSize : undefined;
  const declared = ex.req.headers['content-length'];
  // A Content-Length that already disagrees is refused before a byte is stored.
  if (expected !== undefined && declared !== undefined && Number(declared) !== expected) {
    ex.fail(CosErrors.sizeMismatch);
    return;
  }
  let outcome;
  try {
    outcome = await ctx.store.write(key, ex.req, contentType, {
      expectedSize: expected,
      expectedMd5,
      bytesPerSecond: fault?.kind === 'slowPut' ? fault.bytesPerSecond : undefined,
    });
  } catch (err) {
    if (err instanceof ClientGoneError || ex.req.socket.destroyed) {
      ex.finish(0); // the client went away mid-body; nothing was stored
      return;
    }
    // The data folder is gone, full or read-only: say so instead of leaving the client waiting.
    ex.fail(CosErrors.internal);
    return;
  }
  if (!outcome.ok) {
    ex.call.bytes = outcome.received;
    ex.fail(outcome.reason === 'digest' ? CosErrors.badDigest : CosErrors.sizeMismatch);
    return;
  }
  ex.call.bytes = outcome.object.size;
  ex.finish(200);
  ex.res.statusCode = 200;
  ex.res.setHeader('etag', `"${outcome.object.md5}"`);
  ex.res.setHeader('content-length', 0);
  ex.res.end();
}

function get(ex: BucketExchange, ctx: RouteContext, key: string): void {
  const object = ctx.store.get(key);
  const stream = ctx.store.createReadStream(key);
  if (!object || !stream) {
    ex.fail(CosErrors.noSuchKey);
    return;
  }
  ex.finish(200);
  ex.res.statusCode = 200;
  ex.res.setHeader('content-type', object.contentType);
  ex.res.setHeader('content-length', object.size);
  ex.res.setHeader('etag', `"${object.md5}"`);
  if (ex.req.method === 'HEAD') {
    stream.destroy();
    ex.res.end();
    return;
  }
  stream.on('error', () => ex.res.destroy());
  stream.pipe(ex.res);
}

export async function handleBucket(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  const { path, query: rawQuery } = splitUrl(req.url ?? '/');
  const method = req.method ?? '';
  // COS signs the decoded path: `res%2Fa` and `res/a` are the same key.
  let key = '';
  let query = new Map<string, string>();
  let badUri = false;
  try {
    key = decodeURIComponent(path.slice(1));
    query = parseQuery(rawQuery);
  } catch {
    badUri = true;
  }
  const call = ctx.calls.addBucket({ at: ctx.state.now(), method, key });
  const ex = new BucketExchange(req, res, ctx, call, path);

  const fault = ctx.faults.take('bucket');
  if (fault) {
    call.fault = fault.kind;
    switch (fault.kind) {
      case 'drop':
        ex.finish(0);
        req.socket.destroy();
        return;
      case 'delay':
        if (!(await waitUnlessGone(req, fault.delayMs))) {
          ex.finish(0);
          return;
        }
        break;
      case 'http5xx':
        return ex.fail({ ...CosErrors.internal, status: fault.status });
      case 'expiredUrl':
        return ex.fail(CosErrors.expired);
      case 'apiError':
        return ex.fail({ status: fault.status, code: fault.code, message: fault.message });
      case 'slowPut':
        break; // applied while the PUT body is read
      default:
        break; // malformedJson and invalidToken are refused at injection for the bucket
    }
  }

  if (badUri || key === '') return ex.fail(CosErrors.invalidUri);
  if (method !== 'PUT' && method !== 'GET' && method !== 'HEAD') return ex.fail(CosErrors.methodNotAllowed);
  const denied = authorize(ex, ctx, key, query);
  if (denied) return ex.fail(denied);
  if (method === 'PUT') return put(ex, ctx, key, fault);
  return get(ex, ctx, key);
}
