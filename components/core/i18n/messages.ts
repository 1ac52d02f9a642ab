/**
 * The core's words: one sentence per error code, per locale, made from the code and its details
 * only when a failure is shown (`worded`), so it speaks the locale in force at that moment.
 */
import { formatBytes } from './format';
import { fillWords, hasOwn, hostText, Words } from './locale';

/** What a message may mention. Never a token or a signed URL: callers pass redacted text only. */
export interface ErrorDetail {
  /** HTTP status of the answer that failed, when there was one. */
  status?: number;
  /** The server's own words, already redacted. */
  serverMessage?: string;
  /** Size limits for FileTooLarge. */
  maxSize?: number;
  size?: number;
  /** InvalidOption: the option's name as the caller wrote it. */
  option?: string;
  /** DomainNotAllowed: `https://host[:port]` to add to the request domain list. */
  domain?: string;
  /** A large PUT's Timeout: the file's size, so the message says the link was too slow for it. */
  slowBytes?: number;
}

/**
 * The package's own codes, each with its sentence: `LOCAL_ERROR_CODES` (errors/codes.ts) is read
 * from these keys, so every code the package raises itself is written once and has its words.
 */
export const LOCAL_WORDS = {
  MissingProductId: ['缺少产品 ID（product-id），无法上传', 'No product ID (product-id) was given, so nothing can be uploaded'],
  MissingAccessToken: ['缺少访问令牌（access-token），请先登录', 'No access token (access-token) was given; please sign in first'],
  InvalidResourceName: ['资源名称只能包含字母、数字、下划线、点和连字符', 'The resource name may only contain letters, digits, "_", "." and "-"'],
  InsecureEndpoint: ['接口地址必须是 https（本机调试地址除外）', 'The endpoint must be an https URL (loopback addresses excepted)'],
  FileTooLarge: ['文件过大（{size}），上限为 {maxSize}', 'The file is too large ({size}); the limit is {maxSize}'],
  EmptyFile: ['文件为空（0 字节），无法上传', 'The file is empty (0 bytes) and cannot be uploaded'],
  FileReadError: ['无法读取所选文件', 'The chosen file could not be read'],
  HttpError: ['服务暂时不可用（HTTP {status}）', 'The service is unavailable (HTTP {status})'],
  InvalidResponse: ['服务返回了无法识别的内容', 'The service sent an answer that could not be understood'],
  NetworkError: ['网络连接失败，请检查网络后重试', 'The network connection failed; check it and try again'],
  Timeout: ['请求超时，请稍后重试', 'The request timed out; try again later'],
  Aborted: ['上传已取消', 'The upload was cancelled'],
  IntegrityError: ['文件校验失败：存储的内容与所选文件不一致', 'Integrity check failed: the stored bytes differ from the chosen file'],
  'Storage.HttpError': ['存储服务出错（HTTP {status}）', 'The storage service failed (HTTP {status})'],
  /** An option of the wrong type or an unusable value; `detail.option` names it. */
  InvalidOption: ['参数 {option} 的值无效，请检查类型和取值', 'The option {option} has an unusable value; check its type and range'],
  /** WeChat refused a host missing from the request domain list; `domain` names it. */
  DomainNotAllowed: ['{domain} 不在小程序的 request 合法域名中，请在小程序管理后台添加后重试', "{domain} is not in the mini-program's request domain list; add it in the mini-program admin console and try again"],
  /** WeChat cut a request after 5 s in the background; retryable once the app is back. */
  Interrupted: ['小程序切到后台，上传被中断；回到前台后可继续', 'The upload was interrupted while the mini-program was in the background; it can go on once it is back'],
  /** The chooser failed for another reason than the user cancelling (the `error` event). */
  ChooseFailed: ['无法打开文件选择', 'The file chooser could not open'],
  /** Another upload of the same fixed resource name is in flight: two files never share a name. */
  ResourceNameInUse: ['已有文件正在以同一资源名称上传，同一名称不能保存两个文件', 'Another file is being uploaded under the same resource name; one name never holds two files'],
  /** The queue's name for anything thrown that is not an UploadError: a bug, ours or the platform's. */
  ClientError: ['上传时出现意外错误，请重试', 'Something unexpected went wrong during the upload; try again'],
} satisfies Record<string, Words>;

/** Besides our own: codes of the token API and of COS that deserve words of their own. */
const words: Record<string, Words> = {
  ...LOCAL_WORDS,
  'InvalidParameterValue.InvalidAccessToken': ['登录已失效，请重新登录后重试', 'The sign-in has expired; sign in again and retry'],
  InternalError: ['服务内部错误，请稍后重试', 'The service had an internal error; try again later'],
  RequestLimitExceeded: ['请求过于频繁，请稍后重试', 'Too many requests; try again later'],
  'UnauthorizedOperation.APPNoPermissionToStudioProduct': ['当前应用无权访问该产品', 'This app has no permission for the product'],
  'InvalidParameterValue.ResourceNotExist': ['找不到已保存的文件（名称或版本不对）', 'No stored file has this name and version'],
  'Storage.AccessDenied': ['存储拒绝了上传（链接已过期或无权限）', 'Storage refused the upload (the link expired or is not allowed)'],
  'Storage.SignatureDoesNotMatch': ['上传链接的签名无效', 'The upload link has an invalid signature'],
};

/** A large PUT's Timeout (`slowBytes`): the link was too slow for this file, and a faster network is the cure. */
const tooSlow: Words = ['网络连接太慢，这个文件（{slowBytes}）未能在时限内上传完。请换到更快的网络（如 Wi-Fi）后重试', 'The connection was too slow to upload this file ({slowBytes}) in time; try again on a faster network such as Wi-Fi'];

/**
 * Codes without a sentence of their own keep the code, for support. A 5xx is "try again later"
 * whatever the server added (COS explains itself in English); otherwise its words help.
 */
const unavailable: Words = ['{who}暂时不可用（{code}），请稍后重试', '{who} is unavailable for now ({code}); try again later'];
const answered: Words = ['{who}返回错误（{code}）{said}', '{who} answered with an error ({code}){said}'];

/** A sentence an end user can read: the host's text if it gave one, else ours; unknown codes keep the code and the server's (redacted) words. */
export function messageFor(code: string, locale: string, detail: ErrorDetail = {}): string {
  const host = hostText(locale, code, detail);
  if (host !== null) return host;
  // What a `{name}` stands for. Only our own sentences are filled: a server's words go in as they are.
  const facts: Record<string, unknown> = {
    status: detail.status,
    size: formatBytes(detail.size || 0),
    maxSize: formatBytes(detail.maxSize || 0),
    slowBytes: formatBytes(detail.slowBytes || 0),
    option: detail.option || '?',
    domain: detail.domain || ['该域名', 'This host'],
    code,
    who: /^Storage\./.test(code) ? ['存储服务', 'Storage'] : ['服务', 'The service'],
    said: detail.serverMessage ? ['：' + detail.serverMessage, ': ' + detail.serverMessage] : '',
  };
  const fill = (sentence: Words) => fillWords(sentence, locale, facts);
  if (code === 'Timeout' && detail.slowBytes) return fill(tooSlow);
  if (hasOwn(words, code)) return fill(words[code]);
  if (detail.status && detail.status >= 500) return fill(unavailable);
  return fill(answered);
}
