/**
 * `wx.chooseMessageFile`, `wx.chooseMedia`, `wx.chooseImage` and `wx.chooseVideo` on a real file
 * dialog. `type`/`mediaType` and `extension` become the input's `accept`; `count` becomes
 * `multiple`, and a choice larger than `count` keeps the first `count` files, since WeChat's
 * picker never returns more. The dialog's "All files" option can still let other types through,
 * as some WeChat clients do: the component checks extensions itself.
 */
import { Callbacks, fail, settle } from './callbacks';
import { chooseWithInput } from './file-input';
import { addTempFile } from './temp-files';
import { videoCover } from './video-cover';

type FileKind = 'image' | 'video' | 'file';

function kindOf(file: File): FileKind {
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  return 'file';
}

function countOf(count: unknown, fallback: number, max: number): number {
  const n = typeof count === 'number' && Number.isFinite(count) ? Math.floor(count) : fallback;
  return Math.min(Math.max(n, 1), max);
}

async function pick(api: string, accept: string, count: number, prompt: string): Promise<File[]> {
  const files = await chooseWithInput({ accept, multiple: count > 1, prompt });
  if (!files) throw fail(api, 'cancel');
  return files.slice(0, count);
}

function mediaAccept(types: unknown): string {
  const list = Array.isArray(types) && types.length ? types : ['image', 'video'];
  return list
    .filter((t) => t === 'image' || t === 'video')
    .map((t) => `${t}/*`)
    .join(',');
}

interface MessageFileOptions extends Callbacks<object> {
  count?: number;
  type?: 'all' | 'video' | 'image' | 'file';
  extension?: string[];
}

function messageFileAccept(o: MessageFileOptions): string {
  if (o.type === 'image' || o.type === 'video') return `${o.type}/*`;
  // WeChat applies `extension` to type 'file' only.
  if (o.type === 'file' && Array.isArray(o.extension) && o.extension.length) {
    return o.extension.map((e) => '.' + String(e).replace(/^\./, '').toLowerCase()).join(',');
  }
  return '';
}

export function chooseMessageFile(o: MessageFileOptions = {}): Promise<object> | undefined {
  return settle('chooseMessageFile', o, async () => {
    const files = await pick('chooseMessageFile', messageFileAccept(o), countOf(o.count, 1, 100), 'Choose a file from a chat');
    const time = Math.floor(Date.now() / 1000);
    return {
      tempFiles: files.map((f) => ({ path: addTempFile(f, f.name), size: f.size, name: f.name, type: kindOf(f), time })),
    };
  });
}

interface MediaOptions extends Callbacks<object> {
  count?: number;
  mediaType?: Array<'image' | 'video' | 'mix'>;
}

export function chooseMedia(o: MediaOptions = {}): Promise<object> | undefined {
  return settle('chooseMedia', o, async () => {
    const files = await pick('chooseMedia', mediaAccept(o.mediaType), countOf(o.count, 9, 20), 'Choose photos or videos');
    const kinds = new Set(files.map((f) => (kindOf(f) === 'video' ? 'video' : 'image')));
    return {
      // Paths, sizes and kinds; chooseMedia gives no names (the component derives one from the path).
      tempFiles: await Promise.all(
        files.map(async (f) => ({
          tempFilePath: addTempFile(f, f.name),
          size: f.size,
          fileType: kindOf(f) === 'video' ? 'video' : 'image',
          thumbTempFilePath: kindOf(f) === 'video' ? await videoCover(f) : '',
          width: 0,
          height: 0,
          duration: 0,
        })),
      ),
      type: kinds.size > 1 ? 'mix' : [...kinds][0],
    };
  });
}

export function chooseImage(o: Callbacks<object> & { count?: number } = {}): Promise<object> | undefined {
  return settle('chooseImage', o, async () => {
    const files = await pick('chooseImage', 'image/*', countOf(o.count, 9, 9), 'Choose photos');
    const tempFiles = files.map((f) => ({ path: addTempFile(f, f.name), size: f.size }));
    return { tempFilePaths: tempFiles.map((f) => f.path), tempFiles };
  });
}

export function chooseVideo(o: Callbacks<object> = {}): Promise<object> | undefined {
  return settle('chooseVideo', o, async () => {
    const [file] = await pick('chooseVideo', 'video/*', 1, 'Choose a video');
    return { tempFilePath: addTempFile(file, file.name), size: file.size, duration: 0, width: 0, height: 0 };
  });
}

