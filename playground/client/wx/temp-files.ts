/**
 * Picked files as WeChat hands them out: temporary paths (`wxfile://tmp_<id>.<ext>`) standing for
 * files the app may read. Here each path maps to the browser's File object; nothing is copied.
 */
import SparkMD5 from 'spark-md5';

const files = new Map<string, Blob>();

let picked = 0;

/**
 * Looks random, as WeChat's do, but is the same for the same picks in the same order: the README's
 * pictures show these names, and `npm run screenshots` should not rewrite a picture nothing changed in.
 */
function tempId(name: string, size: number): string {
  picked += 1;
  return SparkMD5.hash(`${picked}:${size}:${name}`).slice(0, 16);
}

/** Lower-case extension without the dot, or ''. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

export function addTempFile(file: Blob, name: string): string {
  const ext = extensionOf(name);
  const path = `wxfile://tmp_${tempId(name, file.size)}${ext ? '.' + ext : ''}`;
  files.set(path, file);
  return path;
}

export function tempFile(path: string): Blob | undefined {
  return files.get(path);
}
