/**
 * The core's words: one sentence per error code, per locale, made from the code and its details
 * only when a failure is shown (`worded`), so it speaks the locale in force at that moment.
 */
import type { ErrorDetail, UploadError } from '../errors/upload-error';
import { formatBytes } from './format';
import { baseLocale, hostText, Locale } from './locale';

type Template = (d: ErrorDetail) => string;
type Table = Record<string, Template>;

const zh: Table = {
  MissingProductId: () => '缺少产品 ID（product-id），无法上传',
  MissingAccessToken: () => '缺少访问令牌（access-token），请先登录',
  InvalidResourceName: () => '资源名称只能包含字母、数字、下划线、点和连字符',
  InsecureEndpoint: () => '接口地址必须是 https（本机调试地址除外）',
  FileTooLarge: (d) => `文件过大（${formatBytes(d.size || 0)}），上限为 ${formatBytes(d.maxSize || 0)}`,
  EmptyFile: () => '文件为空（0 字节），无法上传',
  FileReadError: () => '无法读取所选文件',
  HttpError: (d) => `服务暂时不可用（HTTP ${d.status}）`,
  InvalidResponse: () => '服务返回了无法识别的内容',
  NetworkError: () => '网络连接失败，请检查网络后重试',
  Timeout: (d) => (d.slowBytes ? `网络连接太慢，这个文件（${formatBytes(d.slowBytes)}）未能在时限内上传完。请换到更快的网络（如 Wi-Fi）后重试` : '请求超时，请稍后重试'),
  Aborted: () => '上传已取消',
  IntegrityError: () => '文件校验失败：存储的内容与所选文件不一致',
  'InvalidParameterValue.InvalidAccessToken': () => '登录已失效，请重新登录后重试',
  InternalError: () => '服务内部错误，请稍后重试',
  RequestLimitExceeded: () => '请求过于频繁，请稍后重试',
  'UnauthorizedOperation.APPNoPermissionToStudioProduct': () => '当前应用无权访问该产品',
  'InvalidParameterValue.ResourceNotExist': () => '找不到已保存的文件（名称或版本不对）',
  'Storage.AccessDenied': () => '存储拒绝了上传（链接已过期或无权限）',
  'Storage.SignatureDoesNotMatch': () => '上传链接的签名无效',
  'Storage.HttpError': (d) => `存储服务出错（HTTP ${d.status}）`,
  ClientError: () => '上传时出现意外错误，请重试',
  InvalidOption: (d) => `参数 ${d.option || '?'} 的值无效，请检查类型和取值`,
  DomainNotAllowed: (d) => `${d.domain || '该域名'} 不在小程序的 request 合法域名中，请在小程序管理后台添加后重试`,
  Interrupted: () => '小程序切到后台，上传被中断；回到前台后可继续',
  ChooseFailed: () => '无法打开文件选择',
  ResourceNameInUse: () => '已有文件正在以同一资源名称上传，同一名称不能保存两个文件',
};

const en: Table = {
  MissingProductId: () => 'No product ID (product-id) was given, so nothing can be uploaded',
  MissingAccessToken: () => 'No access token (access-token) was given; please sign in first',
  InvalidResourceName: () => 'The resource name may only contain letters, digits, "_", "." and "-"',
  InsecureEndpoint: () => 'The endpoint must be an https URL (loopback addresses excepted)',
  FileTooLarge: (d) => `The file is too large (${formatBytes(d.size || 0)}); the limit is ${formatBytes(d.maxSize || 0)}`,
  EmptyFile: () => 'The file is empty (0 bytes) and cannot be uploaded',
  FileReadError: () => 'The chosen file could not be read',
  HttpError: (d) => `The service is unavailable (HTTP ${d.status})`,
  InvalidResponse: () => 'The service sent an answer that could not be understood',
  NetworkError: () => 'The network connection failed; check it and try again',
  Timeout: (d) => (d.slowBytes ? `The connection was too slow to upload this file (${formatBytes(d.slowBytes)}) in time; try again on a faster network such as Wi-Fi` : 'The request timed out; try again later'),
  Aborted: () => 'The upload was cancelled',
  IntegrityError: () => 'Integrity check failed: the stored bytes differ from the chosen file',
  'InvalidParameterValue.InvalidAccessToken': () => 'The sign-in has expired; sign in again and retry',
  InternalError: () => 'The service had an internal error; try again later',
  RequestLimitExceeded: () => 'Too many requests; try again later',
  'UnauthorizedOperation.APPNoPermissionToStudioProduct': () => 'This app has no permission for the product',
  'InvalidParameterValue.ResourceNotExist': () => 'No stored file has this name and version',
  'Storage.AccessDenied': () => 'Storage refused the upload (the link expired or is not allowed)',
  'Storage.SignatureDoesNotMatch': () => 'The upload link has an invalid signature',
  'Storage.HttpError': (d) => `The storage service failed (HTTP ${d.status})`,
  ClientError: () => 'Something unexpected went wrong during the upload; try again',
  InvalidOption: (d) => `The option ${d.option || '?'} has an unusable value; check its type and range`,
  DomainNotAllowed: (d) => `${d.domain || 'This host'} is not in the mini-program's request domain list; add it in the mini-program admin console and try again`,
  Interrupted: () => 'The upload was interrupted while the mini-program was in the background; it can go on once it is back',
  ChooseFailed: () => 'The file chooser could not open',
  ResourceNameInUse: () => 'Another file is being uploaded under the same resource name; one name never holds two files',
};

/**
 * Codes without a sentence of their own keep the code, for support. A 5xx is "try again later"
 * whatever the server added (COS explains itself in English); otherwise its words help.
 */
const fallback: Record<Locale, (code: string, d: ErrorDetail) => string> = {
  'zh-CN': (code, d) => {
    const who = code.indexOf('Storage.') === 0 ? '存储服务' : '服务';
    if (d.status && d.status >= 500) return `${who}暂时不可用（${code}），请稍后重试`;
    return `${who}返回错误（${code}）` + (d.serverMessage ? `：${d.serverMessage}` : '');
  },
  en: (code, d) => {
    const who = code.indexOf('Storage.') === 0 ? 'Storage' : 'The service';
    if (d.status && d.status >= 500) return `${who} is unavailable for now (${code}); try again later`;
    return `${who} answered with an error (${code})` + (d.serverMessage ? `: ${d.serverMessage}` : '');
  },
};

/** A sentence an end user can read: the host's text if it gave one, else ours; unknown codes keep the code and the server's (redacted) words. */
export function messageFor(code: string, locale: string, detail: ErrorDetail = {}): string {
  const host = hostText(locale, code, detail);
  if (host !== null) return host;
  const base = baseLocale(locale);
  const table = base === 'en' ? en : zh;
  // Own keys only: a server code like "constructor" must not reach Object.prototype.
  const template = Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
  return template ? template(detail) : fallback[base](code, detail);
}

/** The failure with its message worded in `locale`: what every edge does before a host sees it. */
export function worded(err: UploadError, locale: string): UploadError {
  return err.with({ message: messageFor(err.code, locale, err.detail) });
}
