/**
 * Every word the component shows, per locale. Error and reject sentences come from the core's
 * `messages.ts`; these are the labels around them. Sent to the view once per locale.
 */
import type { BatchSummary, FileState } from '../core/queue/upload-queue';
import type { Locale } from '../core/i18n/messages';
import type { Accept } from './props';
import type { WaitReason } from '../core/queue/lifecycle';
import { waitingTexts } from './waiting-texts';

export interface Texts {
  /** Trigger label per `accept`. */
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
  /** Why a `paused` file waits. */
  waitingFor: Record<WaitReason, string>;
}

const zh: Texts = {
  choose: { file: '选择文件', all: '选择文件', image: '选择图片', video: '选择视频', media: '选择图片或视频' },
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
  delivery: { delivered: '设备已收到', pending: '已下发，等待设备接收' },
  waitingFor: waitingTexts('zh-CN'),
};

const en: Texts = {
  choose: { file: 'Choose a file', all: 'Choose a file', image: 'Choose an image', video: 'Choose a video', media: 'Choose a photo or video' },
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
  delivery: { delivered: 'Received by the device', pending: 'Sent; waiting for the device' },
  waitingFor: waitingTexts('en'),
};

export function textsFor(locale: Locale): Texts {
  return locale === 'en' ? en : zh;
}

/** The line shown when a batch settles. */
export function summaryText(locale: Locale, s: BatchSummary): string {
  if (locale === 'en') {
    if (!s.failed) return s.succeeded === 1 ? '1 file uploaded' : `All ${s.succeeded} files uploaded`;
    return `${s.succeeded} uploaded, ${s.failed} failed`;
  }
  if (!s.failed) return s.succeeded === 1 ? '文件已上传' : `${s.succeeded} 个文件全部上传成功`;
  return `成功 ${s.succeeded} 个，失败 ${s.failed} 个`;
}
