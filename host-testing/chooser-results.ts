/**
 * What WeChat's choosers hand back for the files a user picked (platform-facts §4, §6):
 * `chooseMessageFile` gives names, `chooseMedia` and `chooseImage` do not, `chooseVideo` gives one
 * file, and a video picked through `chooseMedia` may come with a cover (`thumbTempFilePath`).
 */
import type { WxResult } from './types';

export const CHOOSERS = ['chooseMessageFile', 'chooseMedia', 'chooseImage', 'chooseVideo'] as const;
export type ChooserApi = (typeof CHOOSERS)[number];

/** One picked file, as the phone knows it. */
export interface PickedFile {
  path: string;
  size: number;
  /** Given by chooseMessageFile only. */
  name?: string;
  /** chooseMedia only: a video's cover image. */
  thumb?: string;
}

const VIDEO = /\.(mp4|mov|m4v)$/i;

/** The `success` result of `api` for these files (at least one). */
export function chooserResult(api: ChooserApi, files: PickedFile[]): WxResult {
  switch (api) {
    case 'chooseMessageFile':
      return { errMsg: 'chooseMessageFile:ok', tempFiles: files.map((f) => ({ path: f.path, size: f.size, name: f.name || f.path.split('/').pop(), type: 'file', time: 1700000000 })) };
    case 'chooseMedia':
      return {
        errMsg: 'chooseMedia:ok',
        type: 'mix',
        tempFiles: files.map((f) => ({ tempFilePath: f.path, size: f.size, fileType: VIDEO.test(f.path) ? 'video' : 'image', duration: 0, height: 1, width: 1, thumbTempFilePath: f.thumb || '' })),
      };
    case 'chooseImage':
      return { errMsg: 'chooseImage:ok', tempFilePaths: files.map((f) => f.path), tempFiles: files.map((f) => ({ path: f.path, size: f.size })) };
    case 'chooseVideo':
      return { errMsg: 'chooseVideo:ok', tempFilePath: files[0].path, size: files[0].size, duration: 1, height: 1, width: 1 };
  }
}

/** The errMsg of a chooser the user closed without picking. */
export function chooserCancelled(api: ChooserApi): string {
  return `${api}:fail cancel`;
}
