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

/** One locale's words: texts, and groups of them as the template reads them (`state.done` is `state: { done }`). */
const zh = {
  choose: {
    file: '选择文件',
    all: '选择文件',
    image: '选择图片',
    video: '选择视频',
    media: '选择图片或视频',
  },
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
  state: {
    waiting: '等待上传',
    paused: '已暂停',
    hashing: '校验文件',
    signing: '获取上传地址',
    uploading: '上传中',
    registering: '登记资源',
    delivering: '下发到设备',
    done: '上传成功',
    failed: '上传失败',
    aborted: '已取消',
  },
  delivery: {
    delivered: '设备已收到',
    pending: '已下发，等待设备接收',
  },
  waitingFor: {
    network: '等待网络，恢复后自动继续',
    background: '小程序在后台，回到前台后自动继续',
  },
  reject: {
    'max-size': (f: RejectFacts) => `“${f.name}”过大（${formatBytes(f.size)}），上限为 ${formatBytes(f.maxSize)}`,
    'min-size': (f: RejectFacts) => `“${f.name}”为空文件（0 字节）`,
    extension: (f: RejectFacts) => `“${f.name}”的类型不被允许（仅限 ${f.extensions.join('、')}）`,
    'max-count': (f: RejectFacts) => `“${f.name}”未加入：最多 ${f.maxCount} 个文件`,
    'resource-name': (f: RejectFacts) => `“${f.name}”未加入：资源名称“${f.resourceName}”已被列表中的另一个文件使用`,
    host: (f: RejectFacts) => `“${f.name}”未被接受`,
  },
  unusableChoice: () => '部分所选文件无法读取，未加入',
  summary: (s: BatchSummary) => (!s.failed ? (s.succeeded === 1 ? '文件已上传' : `${s.succeeded} 个文件全部上传成功`) : `成功 ${s.succeeded} 个，失败 ${s.failed} 个`),
  ChooseFailed: (d: { errMsg: string }) => (/privacy|隐私/i.test(d.errMsg) ? '同意隐私保护指引后才能选择文件' : `无法打开文件选择（${d.errMsg || '未说明原因'}）`),
  InvalidOption: (d: { property: BadProperty; shown: string }) =>
    `属性 ${d.property} 的值不可用（${d.shown}）：应为${{ 'max-count': '不小于 1 的整数', 'max-size': '大于 0 的字节数', extension: '数组或如 "mp3,wav" 的字符串', 'min-upload-rate': '每秒字节数，大于 0（0 为默认值）', files: '带非空 name 的对象数组，且不超过 max-count' }[d.property]}`,
};

type Table = typeof zh;
/** A text's id, as hosts give it to `setMessages`: `upload`, or a group's text as `state.done`, `reject.max-size`. */
export type TextId = { [K in keyof Table]: Table[K] extends Text ? K : `${K}.${keyof Table[K] & string}` }[keyof Table];
/** Another locale's table: the same ids. */
type Shape<T> = { [K in keyof T]: T[K] extends Text ? Text : { [G in keyof T[K]]: Text } };

const en: Shape<typeof zh> = {
  choose: {
    file: 'Choose a file',
    all: 'Choose a file',
    image: 'Choose an image',
    video: 'Choose a video',
    media: 'Choose a photo or video',
  },
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
  state: {
    waiting: 'Waiting',
    paused: 'Paused',
    hashing: 'Checking the file',
    signing: 'Getting an upload link',
    uploading: 'Uploading',
    registering: 'Registering',
    delivering: 'Sending to the device',
    done: 'Uploaded',
    failed: 'Upload failed',
    aborted: 'Cancelled',
  },
  delivery: {
    delivered: 'Received by the device',
    pending: 'Sent; waiting for the device',
  },
  waitingFor: {
    network: 'Waiting for the network; resumes by itself',
    background: 'Paused in the background; resumes when the app is back',
  },
  reject: {
    'max-size': (f: RejectFacts) => `"${f.name}" is too large (${formatBytes(f.size)}); the limit is ${formatBytes(f.maxSize)}`,
    'min-size': (f: RejectFacts) => `"${f.name}" is empty (0 bytes)`,
    extension: (f: RejectFacts) => `"${f.name}" is not an allowed type (${f.extensions.join(', ')})`,
    'max-count': (f: RejectFacts) => `"${f.name}" was left out: the list holds at most ${f.maxCount} file${f.maxCount === 1 ? '' : 's'}`,
    'resource-name': (f: RejectFacts) => `"${f.name}" was left out: the resource name "${f.resourceName}" is already taken by another file in the list`,
    host: (f: RejectFacts) => `"${f.name}" was not accepted`,
  },
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
  const [group, key] = id.split('.') as [keyof Table, string?];
  const entry: Text | Record<string, Text> = (baseLocale(locale) === 'en' ? en : zh)[group];
  const t = typeof entry === 'object' ? entry[key!] : entry;
  return typeof t === 'string' ? t : (t as (d: object) => string)(detail);
}

/**
 * The labels the view shows, as the template reads them (`texts.state[item.state]`): every
 * string of the table, in its group.
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
  for (const id of Object.keys(zh) as Array<keyof Table>) {
    const entry = zh[id] as Text | Record<string, Text>;
    if (typeof entry === 'string') {
      out[id] = text(locale, id as TextId);
      continue;
    }
    // A group's labels: the strings in it (the reject sentences are functions; a sentence, a function, has no keys).
    for (const key of Object.keys(entry)) {
      if (typeof (entry as Record<string, Text>)[key] === 'string') ((out[id] ||= {}) as Record<string, string>)[key] = text(locale, `${id}.${key}` as TextId);
    }
  }
  return out as unknown as Texts;
}

export function rejectText(f: RejectFacts, locale: string): string {
  return text(locale, ('reject.' + f.reason) as TextId, f);
}

/** The message of an InvalidOption: which property, and what it takes. */
export function invalidOptionText(property: BadProperty, value: unknown, locale: string): string {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value === 'number' || value === null ? String(value) : typeof value;
  return text(locale, 'InvalidOption', { property, shown, value });
}
