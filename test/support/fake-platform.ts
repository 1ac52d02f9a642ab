/**
 * A stand-in for WeChat in unit tests, faithful to platform-facts.md: wx.request answers every
 * HTTP status through `success`, fails with errMsg-like transport errors, has no PUT progress,
 * and an aborted request fails with "abort". By default it plays a well-behaved cloud; tests
 * script the next answers of an action or of the bucket to play a misbehaving one.
 */
import { createHash } from 'crypto';
import { Platform, PlatformRequest, PlatformRequestTask, PlatformResponse, TransportError } from '../../components/core';

/** The seed example's upload URL from AppGetResourceUploadURL.md, byte for byte. */
export const SEED_UPLOAD_URL =
  'https://gz-g-resource-1256872341.cos.ap-guangzhou.myqcloud.com/res%2F96666666666_BKTTNGIQOG_USER_72375312314273792_RES_restest_0.0.1?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKIDMUM9hdmn35rHZe72Y6UfliNo1PYQFZln%26q-sign-time%3D1620729273%3B1620732873%26q-key-time%3D1620729273%3B1620732873%26q-header-list%3D%26q-url-param-list%3D%26q-signature%3De1e31a1c14a738d1e790f92a158d4fea7f1135e7';
export const SEED_SIGNATURE = 'e1e31a1c14a738d1e790f92a158d4fea7f1135e7';
export const ENDPOINT = 'https://iot.cloud.tencent.com/api/exploreropen/tokenapi';

export type FakeAnswer =
  | { status: number; headers?: Record<string, string>; body: string }
  | { transport: 'network' | 'timeout' }
  /** Never answers until aborted, like a PUT of a big file on a slow link. */
  | { hang: true }
  /** Answers `then` after `delayMs` (a slow status call), unless aborted first. */
  | { delayMs: number; then: FakeAnswer };

export interface RecordedRequest extends PlatformRequest {
  /** The parsed JSON body of a token-API call. */
  json?: Record<string, unknown>;
}

export type Target = 'AppGetResourceUploadURL' | 'AppCreateProductResource' | 'AppControlDeviceResource' | 'AppDescribeDeviceResource' | 'AppGetResourceDownloadUrl' | 'PUT';

/** The n-th download URL the fake cloud issues (from 1): a COS GET presigned like the seed, its signature made from n. */
export function fakeDownloadUrl(name: string, ver: string, n: number): string {
  const signature = createHash('sha1').update('download-' + n).digest('hex');
  return `https://gz-g-resource-1256872341.cos.ap-guangzhou.myqcloud.com/res%2F96666666666_PROD1_USER_72375312314273792_RES_${name}_${ver}?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKIDMUM9hdmn35rHZe72Y6UfliNo1PYQFZln%26q-sign-time%3D1620729273%3B1620732873%26q-key-time%3D1620729273%3B1620732873%26q-header-list%3D%26q-url-param-list%3D%26q-signature%3D${signature}`;
}

export const md5Hex = (bytes: Uint8Array | ArrayBuffer): string =>
  createHash('md5').update(Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes)).digest('hex');

/** Answers in the envelope every official client parses. */
export const codeEnvelope = (data: Record<string, unknown>): FakeAnswer => ({ status: 200, body: JSON.stringify({ code: 0, msg: '', data }) });
export const responseEnvelope = (data: Record<string, unknown>): FakeAnswer => ({ status: 200, body: JSON.stringify({ Response: data }) });
export const apiError = (code: string, message = 'error', status = 200): FakeAnswer => ({
  status,
  body: JSON.stringify({ code: -1000, msg: message, data: { Error: { Code: code, Message: message }, RequestId: 'srv-' + code } }),
});
export const cosError = (status: number, code: string, message: string): FakeAnswer => ({
  status,
  headers: { 'Content-Type': 'application/xml', 'x-cos-request-id': 'cos-req-1' },
  body: `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${message}</Message>\n<Resource>/res/x</Resource>\n<RequestId>cos-req-xml</RequestId>\n<TraceId>trace</TraceId>\n</Error>`,
});
export const expiredUrl = (): FakeAnswer => cosError(403, 'AccessDenied', 'Request has expired');

export class FakePlatform implements Platform {
  readonly files = new Map<string, Uint8Array>();
  readonly requests: RecordedRequest[] = [];
  readonly readFileCalls: string[] = [];
  /** Every ArrayBuffer this platform handed out with a file's full size. */
  readonly fullSizeBuffers: ArrayBuffer[] = [];
  /** Requests whose task.abort() the core called. */
  aborts = 0;
  /** Upload URLs to issue, in order; the seed URL once they run out. */
  uploadUrls: string[] = [];
  private readonly scripts = new Map<Target, FakeAnswer[]>();
  private issued = 0;
  private downloads = 0;

  addFile(path: string, bytes: Uint8Array): void {
    this.files.set(path, bytes);
  }

  /** The next answers for a target, used before the default cloud behaviour resumes. */
  script(target: Target, ...answers: FakeAnswer[]): this {
    this.scripts.set(target, (this.scripts.get(target) || []).concat(answers));
    return this;
  }

  calls(target: Target): RecordedRequest[] {
    return this.requests.filter((r) => (target === 'PUT' ? r.method === 'PUT' : r.json && r.json.Action === target));
  }

  request(req: PlatformRequest): PlatformRequestTask {
    const recorded: RecordedRequest = { ...req, headers: { ...req.headers } };
    if (typeof req.body === 'string') recorded.json = JSON.parse(req.body);
    this.requests.push(recorded);
    const target: Target = req.method === 'PUT' ? 'PUT' : (recorded.json!.Action as Target);
    const queue = this.scripts.get(target);
    let answer = queue && queue.length ? queue.shift()! : this.defaultAnswer(target, recorded);
    let delayMs = 1;
    while ('delayMs' in answer) {
      delayMs += answer.delayMs;
      answer = answer.then;
    }
    let rejectIt: (e: Error) => void = () => undefined;
    const response = new Promise<PlatformResponse>((resolve, reject) => {
      rejectIt = reject;
      // Asynchronous like the real thing: the answer never arrives in the same tick.
      setTimeout(() => {
        if ('delayMs' in answer) return;
        if ('hang' in answer) return;
        if ('transport' in answer) return reject(new TransportError(answer.transport, 'request:fail ' + answer.transport));
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(answer.headers || {})) headers[k.toLowerCase()] = v;
        resolve({ status: answer.status, headers, body: answer.body });
      }, delayMs);
    });
    return {
      response,
      abort: () => {
        this.aborts++;
        rejectIt(new TransportError('aborted', 'request:fail abort'));
      },
    };
  }

  private defaultAnswer(target: Target, req: RecordedRequest): FakeAnswer {
    const body = req.json || {};
    switch (target) {
      case 'AppGetResourceUploadURL':
        return codeEnvelope({
          RequestId: body.RequestId,
          UploadUrl: this.uploadUrls[this.issued++] || SEED_UPLOAD_URL,
          ResourceName: 'USER_72375312314273792_RES_' + body.UserResourceName,
        });
      case 'AppCreateProductResource':
        return codeEnvelope({ RequestId: body.RequestId, ResourceName: 'USER_72375312314273792_RES_' + body.UserResourceName });
      case 'AppControlDeviceResource':
        return codeEnvelope({ RequestId: body.RequestId });
      case 'AppGetResourceDownloadUrl':
        return codeEnvelope({ RequestId: body.RequestId, DownloadUrl: fakeDownloadUrl(String(body.UserResourceName), String(body.ResourceVer), ++this.downloads) });
      case 'AppDescribeDeviceResource':
        return codeEnvelope({ RequestId: body.RequestId, Resource: { ResourceName: body.ResourceName, ResourceType: 'FILE', DeviceName: 'dev', ProductId: 'P', CreateTime: 1, UpdateTime: 2 } });
      case 'PUT':
        return { status: 200, headers: { ETag: '"' + md5Hex(req.body as ArrayBuffer) + '"', 'x-cos-request-id': 'cos-ok' }, body: '' };
    }
  }

  async readFile(path: string): Promise<ArrayBuffer> {
    this.readFileCalls.push(path);
    const bytes = this.files.get(path);
    if (!bytes) throw new Error('readFile:fail no such file or directory ' + path);
    const copy = bytes.slice().buffer;
    this.fullSizeBuffers.push(copy);
    return copy;
  }

  async fileInfo(path: string): Promise<{ size: number; md5: string }> {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error('getFileInfo:fail no such file or directory ' + path);
    return { size: bytes.byteLength, md5: md5Hex(bytes) };
  }

  setTimeout(fn: () => void, ms: number): unknown {
    return setTimeout(fn, ms);
  }

  clearTimeout(handle: unknown): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
}
