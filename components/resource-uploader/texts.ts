/**
 * The component's words, keyed by id, each entry in both locales: the labels the view shows, and
 * the sentences of its own events (reject reasons, the batch summary, the `error` event). A host's
 * texts (`setMessages(locale, {id: text})`) win over these; failures of uploads are worded by the
 * core's messages. Everything is worded when it is shown, in the locale in force then.
 */
import { fillWords, formatBytes, hostText } from '../core';
import type { Words } from '../core';
import type { BatchSummary, FileState, WaitReason } from '../core';
import type { Accept, RejectReason } from './types';

/** What a reject sentence may mention. */
export interface RejectFacts {
  reason: RejectReason;
  name: string;
  size: number;
  maxSize: number;
  maxCount: number;
  extensions: string[];
  resourceName: string;
}

/** A property with an unusable value, named as a host writes it in WXML. */
export type BadProperty = 'max-count' | 'max-size' | 'extension' | 'min-upload-rate' | 'files';

/** `accept` 'file' and 'all' both open the chat-file chooser: one label. */
const CHOOSE_FILE: Words = ['选择文件', 'Choose a file'];

/** The labels the view shows, grouped as the template reads them (`state.done` is `state: { done }`). */
const LABELS = {
  choose: {
    file: CHOOSE_FILE,
    all: CHOOSE_FILE,
    image: ['选择图片', 'Choose an image'],
    video: ['选择视频', 'Choose a video'],
    media: ['选择图片或视频', 'Choose a photo or video'],
  },
  upload: ['开始上传', 'Upload'],
  retry: ['重试', 'Retry'],
  remove: ['移除', 'Remove'],
  cancel: ['取消上传', 'Cancel upload'],
  region: ['文件上传', 'File upload'],
  list: ['已选文件', 'Chosen files'],
  progress: ['上传进度', 'Upload progress'],
  preview: ['预览', 'Preview'],
  play: ['播放', 'Play'],
  stop: ['停止播放', 'Stop'],
  state: {
    waiting: ['等待上传', 'Waiting'],
    paused: ['已暂停', 'Paused'],
    hashing: ['校验文件', 'Checking the file'],
    signing: ['获取上传地址', 'Getting an upload link'],
    uploading: ['上传中', 'Uploading'],
    registering: ['登记资源', 'Registering'],
    delivering: ['下发到设备', 'Sending to the device'],
    done: ['上传成功', 'Uploaded'],
    failed: ['上传失败', 'Upload failed'],
    aborted: ['已取消', 'Cancelled'],
  },
  delivery: {
    delivered: ['设备已收到', 'Received by the device'],
    pending: ['已下发，等待设备接收', 'Sent; waiting for the device'],
  },
  waitingFor: {
    network: ['等待网络，恢复后自动继续', 'Waiting for the network; resumes by itself'],
    background: ['小程序在后台，回到前台后自动继续', 'Paused in the background; resumes when the app is back'],
  },
} satisfies Record<string, Words | Record<string, Words>>;

/** The sentences; one whose words depend on its facts picks them (a function of the facts). */
const SENTENCES = {
  reject: {
    'max-size': ['“{name}”过大（{size}），上限为 {maxSize}', '"{name}" is too large ({size}); the limit is {maxSize}'],
    'min-size': ['“{name}”为空文件（0 字节）', '"{name}" is empty (0 bytes)'],
    extension: ['“{name}”的类型不被允许（仅限 {extensions}）', '"{name}" is not an allowed type ({extensions})'],
    'max-count': ['“{name}”未加入：最多 {maxCount} 个文件', '"{name}" was left out: the list holds at most {maxCount} file{s}'],
    'resource-name': ['“{name}”未加入：资源名称“{resourceName}”已被列表中的另一个文件使用', '"{name}" was left out: the resource name "{resourceName}" is already taken by another file in the list'],
    host: ['“{name}”未被接受', '"{name}" was not accepted'],
  },
  unusableChoice: ['部分所选文件无法读取，未加入', 'Some chosen files could not be read and were left out'],
  summary: (s: BatchSummary): Words =>
    s.failed ? ['成功 {succeeded} 个，失败 {failed} 个', '{succeeded} uploaded, {failed} failed'] : s.succeeded === 1 ? ['文件已上传', '1 file uploaded'] : ['{succeeded} 个文件全部上传成功', 'All {succeeded} files uploaded'],
  ChooseFailed: (d: { errMsg: string }): Words =>
    /privacy|隐私/i.test(d.errMsg) ? ['同意隐私保护指引后才能选择文件', 'Files cannot be chosen until the privacy agreement is accepted'] : ['无法打开文件选择（{reason}）', 'The file chooser could not open ({reason})'],
  InvalidOption: ['属性 {property} 的值不可用（{shown}）：应为{takes}', 'The property {property} is unusable ({shown}): it takes {takes}'],
} satisfies Record<string, Words | Record<string, Words> | ((d: never) => Words)>;

/** What each checked property takes, for its InvalidOption. */
const TAKES: Record<BadProperty, Words> = {
  'max-count': ['不小于 1 的整数', 'a whole number of at least 1'],
  'max-size': ['大于 0 的字节数', 'a number of bytes, more than 0'],
  extension: ['数组或如 "mp3,wav" 的字符串', 'an array or a string such as "mp3,wav"'],
  'min-upload-rate': ['每秒字节数，大于 0（0 为默认值）', 'bytes per second, more than 0 (0: the default)'],
  files: ['带非空 name 的对象数组，且不超过 max-count', 'objects with a non-empty name, at most max-count of them'],
};

const TABLE = { ...LABELS, ...SENTENCES };
type Table = typeof TABLE;
type Entry = Words | ((d: never) => Words);
/** A text's id, as hosts give it to `setMessages`: `upload`, or a group's text as `state.done`, `reject.max-size`. */
export type TextId = { [K in keyof Table]: Table[K] extends Entry ? K : `${K}.${keyof Table[K] & string}` }[keyof Table];

/**
 * The text `id` in `locale`: the host's if it gave one (given `detail`), else ours, its `{name}`s
 * filled from `facts`; a fact worded in both locales is a `[zh, en]` pair too.
 */
export function text(locale: string, id: TextId, detail: object = {}, facts: Record<string, unknown> = detail as Record<string, unknown>): string {
  const host = hostText(locale, id, detail);
  if (host !== null) return host;
  const [group, key] = id.split('.') as [keyof Table, string?];
  const entry = (key ? (TABLE[group] as Record<string, Words>)[key] : TABLE[group]) as Entry;
  return fillWords(typeof entry === 'function' ? (entry as (d: object) => Words)(detail) : entry, locale, facts);
}

/**
 * The labels the view shows, as the template reads them (`texts.state[item.state]`): every
 * label of the table, in its group.
 */
export interface Texts {
  choose: Record<Accept, string>;
  upload: string;
  retry: string;
  remove: string;
  cancel: string;
  /** aria-label of the whole component and of its list. */
  region: string;
  list: string;
  progress: string;
  /** aria-labels of the preview controls. */
  preview: string;
  play: string;
  stop: string;
  state: Record<FileState, string>;
  delivery: { delivered: string; pending: string };
  /** Why a `paused` file waits: it is neither failed nor stuck, it resumes by itself. */
  waitingFor: Record<WaitReason, string>;
}

export function textsFor(locale: string): Texts {
  const out: Record<string, string | Record<string, string>> = {};
  for (const [id, entry] of Object.entries(LABELS)) {
    if (Array.isArray(entry)) out[id] = text(locale, id as TextId);
    else {
      const group: Record<string, string> = (out[id] = {});
      for (const key of Object.keys(entry)) group[key] = text(locale, `${id}.${key}` as TextId);
    }
  }
  return out as unknown as Texts;
}

export function rejectText(f: RejectFacts, locale: string): string {
  const facts = { ...f, size: formatBytes(f.size), maxSize: formatBytes(f.maxSize), extensions: [f.extensions.join('、'), f.extensions.join(', ')], s: f.maxCount === 1 ? '' : 's' };
  return text(locale, ('reject.' + f.reason) as TextId, f, facts);
}

/** The message of an InvalidOption: which property, and what it takes. */
export function invalidOptionText(property: BadProperty, value: unknown, locale: string): string {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value === 'number' || value === null ? String(value) : typeof value;
  const detail = { property, shown, value };
  return text(locale, 'InvalidOption', detail, { ...detail, takes: TAKES[property] });
}

/** The `error` event's message for a chooser that failed with WeChat's `errMsg`. */
export function chooseFailedText(errMsg: string, locale: string): string {
  return text(locale, 'ChooseFailed', { errMsg }, { reason: errMsg || ['未说明原因', 'no reason given'] });
}
