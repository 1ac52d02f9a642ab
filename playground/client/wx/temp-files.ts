/**
 * Picked files as WeChat hands them out: temporary paths (`wxfile://tmp_<id>.<ext>`) standing for
 * files the app may read. Here each path maps to the browser's File object; nothing is copied.
 */
const files = new Map<string, Blob>();

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Lower-case extension without the dot, or ''. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

export function addTempFile(file: Blob, name: string): string {
  const ext = extensionOf(name);
  const path = `wxfile://tmp_${randomId()}${ext ? '.' + ext : ''}`;
  files.set(path, file);
  return path;
}

export function tempFile(path: string): Blob | undefined {
  return files.get(path);
}
