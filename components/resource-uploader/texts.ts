/**
 * The component's words, one table per locale, keyed by id: the labels the view shows, and the
 * sentences of its own events (reject reasons, the batch summary, the `error` event). A host's
 * texts (`setMessages(locale, {id: text})`) win over these; failures of uploads are worded by the
 * core's messages. Everything is worded when it is shown, in the locale in force then.
 */
import { baseLocale, formatBytes, hostText } from '../core';
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

/** A label (a string, shown by the view) or a sentence (a function of the facts it mentions). */
type Text = string | ((d: never) => string);

const zh = {
  'choose.file': '选择文件',
  'choose.all': '选择文件',
  'choose.image': '选择图片',
  'choose.video': '选择视频',
  'choose.media': '选择图片或视频',
  upload: '开始上传',
  retry: '重试',
  remove: '移除',
  cancel: '取消上传',
  region: '文件上传',
  list: '已选文件',
  progress: '上传进度',
  preview: '预览',
  play: '播放',
  stop: '停止播放',
  'state.waiting': '等待上传',
  'state.paused': '已暂停',
  'state.hashing': '校验文件',
  'state.signing': '获取上传地址',
  'state.uploading': '上传中',
  'state.registering': '登记资源',
  'state.delivering': '下发到设备',
  'state.done': '上传成功',
  'state.failed': '上传失败',
  'state.aborted': '已取消',
  'delivery.delivered': '设备已收到',
  'delivery.pending': '已下发，等待设备接收',
  'waitingFor.network': '等待网络，恢复后自动继续',
  'waitingFor.background': '小程序在后台，回到前台后自动继续',
  'reject.max-size': (f: RejectFacts) => `“${f.name}”过大（${formatBytes(f.size)}），上限为 ${formatBytes(f.maxSize)}`,
  'reject.min-size': (f: RejectFacts) => `“${f.name}”为空文件（0 字节）`,
  'reject.extension': (f: RejectFacts) => `“${f.name}”的类型不被允许（仅限 ${f.extensions.join('、')}）`,
  'reject.max-count': (f: RejectFacts) => `“${f.name}”未加入：最多 ${f.maxCount} 个文件`,
  'reject.resource-name': (f: RejectFacts) => `“${f.name}”未加入：资源名称“${f.resourceName}”已被列表中的另一个文件使用`,
  'reject.host': (f: RejectFacts) => `“${f.name}”未被接受`,
  unusableChoice: () => '部分所选文件无法读取，未加入',
  summary: (s: BatchSummary) => (!s.failed ? (s.succeeded === 1 ? '文件已上传' : `${s.succeeded} 个文件全部上传成功`) : `成功 ${s.succeeded} 个，失败 ${s.failed} 个`),
  ChooseFailed: (d: { errMsg: string }) => (/privacy|隐私/i.test(d.errMsg) ? '同意隐私保护指引后才能选择文件' : `无法打开文件选择（${d.errMsg || '未说明原因'}）`),
  InvalidOption: (d: { property: BadProperty; shown: string }) =>
    `属性 ${d.property} 的值不可用（${d.shown}）：应为${{ 'max-count': '不小于 1 的整数', 'max-size': '大于 0 的字节数', extension: '数组或如 "mp3,wav" 的字符串', 'min-upload-rate': '每秒字节数，大于 0（0 为默认值）', files: '带非空 name 的对象数组，且不超过 max-count' }[d.property]}`,
};

export type TextId = keyof typeof zh;

const en: Record<TextId, Text> = {
  'choose.file': 'Choose a file',
  'choose.all': 'Choose a file',
  'choose.image': 'Choose an image',
  'choose.video': 'Choose a video',
  'choose.media': 'Choose a photo or video',
  upload: 'Upload',
  retry: 'Retry',
  remove: 'Remove',
  cancel: 'Cancel upload',
  region: 'File upload',
  list: 'Chosen files',
  progress: 'Upload progress',
  preview: 'Preview',
  play: 'Play',
  stop: 'Stop',
  'state.waiting': 'Waiting',
  'state.paused': 'Paused',
  'state.hashing': 'Checking the file',
  'state.signing': 'Getting an upload link',
  'state.uploading': 'Uploading',
  'state.registering': 'Registering',
  'state.delivering': 'Sending to the device',
  'state.done': 'Uploaded',
  'state.failed': 'Upload failed',
  'state.aborted': 'Cancelled',
  'delivery.delivered': 'Received by the device',
  'delivery.pending': 'Sent; waiting for the device',
  'waitingFor.network': 'Waiting for the network; resumes by itself',
  'waitingFor.background': 'Paused in the background; resumes when the app is back',
  'reject.max-size': (f: RejectFacts) => `"${f.name}" is too large (${formatBytes(f.size)}); the limit is ${formatBytes(f.maxSize)}`,
  'reject.min-size': (f: RejectFacts) => `"${f.name}" is empty (0 bytes)`,
  'reject.extension': (f: RejectFacts) => `"${f.name}" is not an allowed type (${f.extensions.join(', ')})`,
  'reject.max-count': (f: RejectFacts) => `"${f.name}" was left out: the list holds at most ${f.maxCount} file${f.maxCount === 1 ? '' : 's'}`,
  'reject.resource-name': (f: RejectFacts) => `"${f.name}" was left out: the resource name "${f.resourceName}" is already taken by another file in the list`,
  'reject.host': (f: RejectFacts) => `"${f.name}" was not accepted`,
  unusableChoice: () => 'Some chosen files could not be read and were left out',
  summary: (s: BatchSummary) => (!s.failed ? (s.succeeded === 1 ? '1 file uploaded' : `All ${s.succeeded} files uploaded`) : `${s.succeeded} uploaded, ${s.failed} failed`),
  ChooseFailed: (d: { errMsg: string }) =>
    /privacy|隐私/i.test(d.errMsg) ? 'Files cannot be chosen until the privacy agreement is accepted' : `The file chooser could not open (${d.errMsg || 'no reason given'})`,
  InvalidOption: (d: { property: BadProperty; shown: string }) =>
    `The property ${d.property} is unusable (${d.shown}): it takes ${{ 'max-count': 'a whole number of at least 1', 'max-size': 'a number of bytes, more than 0', extension: 'an array or a string such as "mp3,wav"', 'min-upload-rate': 'bytes per second, more than 0 (0: the default)', files: 'objects with a non-empty name, at most max-count of them' }[d.property]}`,
};

/** The text `id` in `locale`: the host's if it gave one, else the package's (zh-CN or en). */
export function text(locale: string, id: TextId, detail: object = {}): string {
  const host = hostText(locale, id, detail);
  if (host !== null) return host;
  const t = (baseLocale(locale) === 'en' ? en : zh)[id] as Text;
  return typeof t === 'string' ? t : (t as (d: object) => string)(detail);
}

/**
 * The labels the view shows, as the template reads them (`texts.state[item.state]`): every
 * string entry of the table, a dotted id nested (`state.done` → `texts.state.done`).
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
  const out: Record<string, Record<string, string> | string> = {};
  for (const id of Object.keys(zh) as TextId[]) {
    if (typeof zh[id] !== 'string') continue;
    const [group, key] = id.split('.');
    if (key) ((out[group] ||= {}) as Record<string, string>)[key] = text(locale, id);
    else out[id] = text(locale, id);
  }
  return out as unknown as Texts;
}

export function rejectText(f: RejectFacts, locale: string): string {
  return text(locale, ('reject.' + f.reason) as TextId, f);
}

/** The message of an InvalidOption: which property, and what it takes. */
export function invalidOptionText(property: BadProperty, value: unknown, locale: string): string {
  const shown = typeof value === 'number' ? String(value) : typeof value === 'string' ? `"${value.slice(0, 40)}"` : value === null ? 'null' : typeof value;
  return text(locale, 'InvalidOption', { property, shown, value });
}
