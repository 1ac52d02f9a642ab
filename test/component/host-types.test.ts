/**
 * The package's types seen from a strict TypeScript host: a page using the component's events and
 * methods, and an app using the JS API, compile cleanly; the `@ts-expect-error` lines prove that
 * misspelt methods, fields, locales, reasons and codes are caught. Without the directives, each
 * of those lines (and only those) is an error.
 */
import { HostProject, makeHostProject, typeCheck } from '../support/host-project';

const PAGE = `
import { hostFileIndex, selectUploader } from 'iotexplorer-resource-uploader';
import type {
  BeforeUploadDetail,
  CompleteDetail,
  ErrorCode,
  ErrorDetail,
  LocalErrorCode,
  FailDetail,
  HostFile,
  Locale,
  ProgressDetail,
  RejectDetail,
  RemoveDetail,
  ResourceUploaderInstance,
  ResourceUploaderProperties,
  SelectDetail,
  SuccessDetail,
} from 'iotexplorer-resource-uploader';

Page({
  data: { files: [] as HostFile[], last: '' },
  onSelect(e: WechatMiniprogram.CustomEvent<SelectDetail>) {
    const [first] = e.detail.files;
    this.setData({ last: first.id + first.name + first.size + first.path });
    // @ts-expect-error misspelt field
    this.setData({ last: first.nmae });
  },
  onSuccess(e: WechatMiniprogram.CustomEvent<SuccessDetail>) {
    const d = e.detail;
    this.setData({ last: d.resourceName + d.userResourceName + d.md5 + d.requestId + d.resourceVer + d.path + (d.delivery || '') });
    // @ts-expect-error misspelt field
    this.setData({ last: d.resourceNmae });
  },
  onFail(e: WechatMiniprogram.CustomEvent<FailDetail>) {
    const code: ErrorCode = e.detail.code;
    const retry: boolean = e.detail.retryable;
    this.setData({ last: code + e.detail.message + e.detail.requestId + String(retry) });
  },
  onReject(e: WechatMiniprogram.CustomEvent<RejectDetail>) {
    const reason = e.detail.reason;
    if (reason === 'host' || reason === 'resource-name' || reason === 'max-count') this.setData({ last: e.detail.message });
    // @ts-expect-error not a reject reason
    if (reason === 'too-big') this.setData({ last: '' });
  },
  onProgress(e: WechatMiniprogram.CustomEvent<ProgressDetail>) {
    // @ts-expect-error not a phase
    if (e.detail.phase === 'upload') this.setData({ last: '' });
  },
  onComplete(e: WechatMiniprogram.CustomEvent<CompleteDetail>) {
    this.setData({ last: String(e.detail.succeeded + e.detail.failed) });
  },
  onRemove(e: WechatMiniprogram.CustomEvent<RemoveDetail>) {
    const index: number = hostFileIndex(e.detail.id);
    const file: HostFile | undefined = index >= 0 ? this.data.files[index] : undefined;
    this.setData({ last: e.detail.id + (file ? file.name : '') });
    // @ts-expect-error SPEC's remove detail is {id}
    this.setData({ last: e.detail.index });
  },
  onError(e: WechatMiniprogram.CustomEvent<ErrorDetail>) {
    if (e.detail.code === 'ChooseFailed') this.setData({ last: e.detail.errMsg });
    // The error event also carries a stored file's server code (SPEC 0.3), so its code is an ErrorCode;
    // the package's own codes are a closed set where a LocalErrorCode is expected.
    // @ts-expect-error not a local code
    const local: LocalErrorCode = 'ChooseFail';
    this.setData({ last: local });
  },
  onBeforeUpload(e: WechatMiniprogram.CustomEvent<BeforeUploadDetail>) {
    e.detail.callback(e.detail.files.every((f) => f.size < 1024 && f.path !== ''));
    // @ts-expect-error callback takes a boolean
    e.detail.callback('yes');
  },
  methods() {
    const uploader = selectUploader(this, '#uploader');
    if (!uploader) return;
    uploader.choose().then(() => uploader.upload());
    uploader.retry();
    uploader.abort('id');
    uploader.remove('host-0');
    uploader.clear();
    // @ts-expect-error misspelt method
    uploader.uplaod();
    const typed: ResourceUploaderInstance = uploader;
    // @ts-expect-error remove needs an id
    typed.remove();
  },
  properties() {
    const ok: ResourceUploaderProperties = { extension: 'mp3,wav', maxCount: 3, locale: 'en', files: [{ name: 'a.mp3', url: 'https://x.example/a.mp3' }] };
    // Every property (README's min-upload-rate included), derived from the component's own list.
    const all: ResourceUploaderProperties = { accept: 'image', maxSize: '1048576', minUploadRate: 65536, useBeforeUpload: true, extension: ['mp3'] };
    // @ts-expect-error a closed set of accept values
    const pdf: ResourceUploaderProperties = { accept: 'pdf' };
    // @ts-expect-error a closed set of locales
    const fr: ResourceUploaderProperties = { locale: 'fr' };
    // @ts-expect-error Locale is closed
    const locale: Locale = 'de';
    this.setData({ last: JSON.stringify([ok, all, pdf, fr, locale]) });
  },
});
`;

const APP = `
import { setAccessTokenProvider, uploadResource, UploadError } from 'iotexplorer-resource-uploader';
import type { ErrorCode, UploadResult } from 'iotexplorer-resource-uploader';

declare function login(): Promise<string | undefined>;

// A provider may answer nothing (README: "returning nothing is fine").
setAccessTokenProvider(() => login());
setAccessTokenProvider(async ({ reason }) => (reason === 'invalid' ? undefined : 'token'));
setAccessTokenProvider(null);
// @ts-expect-error not a reason
setAccessTokenProvider(({ reason }) => (reason === 'expired' ? 'a' : 'b'));

export async function send(filePath: string): Promise<UploadResult | string> {
  // @ts-expect-error a closed set of locales
  uploadResource({ filePath, productId: 'P', locale: 'fr' });
  const task = uploadResource({ filePath, productId: 'P', locale: 'en', onProgress: ({ phase, percent }) => console.log(phase, percent) });
  task.abort();
  try {
    return await task;
  } catch (err) {
    if (!(err instanceof UploadError)) throw err;
    const code: ErrorCode = err.code;
    // Local codes and server codes alike.
    const known: ErrorCode[] = ['Aborted', 'InvalidOption', 'DomainNotAllowed', 'Interrupted', 'ChooseFailed', 'InvalidParameterValue.InvalidAccessToken'];
    // @ts-expect-error UploadError has no errMsg
    return code + known.join() + err.errMsg;
  }
}

App({});
`;

let host: HostProject;

beforeAll(() => {
  host = makeHostProject('strict-host-');
  host.write('app.ts', APP);
  host.write('pages/index/index.ts', PAGE);
  host.write('bare/app.ts', APP.replace(/^\s*\/\/ @ts-expect-error.*\n/gm, ''));
  host.write('bare/pages/index/index.ts', PAGE.replace(/^\s*\/\/ @ts-expect-error.*\n/gm, ''));
});

afterAll(() => host.remove());

test('a strict host using the component and the JS API compiles; every @ts-expect-error is needed', () => {
  // An unneeded @ts-expect-error is itself an error (TS2578), so this proves each one catches something.
  expect(typeCheck(host.dir, ['app.ts', 'pages/index/index.ts'], ['miniprogram-api-typings'])).toEqual([]);
}, 60000);

test('without the directives, exactly the marked lines fail', () => {
  const expected = (source: string): number => (source.match(/\/\/ @ts-expect-error/g) || []).length;
  const errors = typeCheck(host.dir, ['bare/app.ts', 'bare/pages/index/index.ts'], ['miniprogram-api-typings']);
  const lines = new Set(errors.map((e) => e.split(': ')[0]));
  expect(lines.size).toBe(expected(APP) + expected(PAGE));
  expect(errors.join('\n')).toMatch(/Property 'uplaod' does not exist/);
  expect(errors.join('\n')).toMatch(/Property 'resourceNmae' does not exist/);
  expect(errors.join('\n')).toMatch(/"fr"/);
}, 60000);
