/**
 * Content-Type for the PUT. COS stores whatever we send, and wx.request would otherwise send
 * application/json, so every file gets its own type or application/octet-stream.
 */
const TYPES: Record<string, string> = {
  // audio: voice prompts and ringtones
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  amr: 'audio/amr',
  ogg: 'audio/ogg',
  opus: 'audio/opus',
  flac: 'audio/flac',
  pcm: 'audio/L16',
  silk: 'audio/silk',
  // images
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  // video
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  m4v: 'video/x-m4v',
  avi: 'video/x-msvideo',
  flv: 'video/x-flv',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  // text and data
  txt: 'text/plain',
  csv: 'text/csv',
  // SPEC forbids application/json on the PUT (it is wx.request's default, a sign of a forgotten header).
  json: 'application/octet-stream',
  xml: 'application/xml',
  // firmware and archives
  bin: 'application/octet-stream',
  hex: 'application/octet-stream',
  img: 'application/octet-stream',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  pdf: 'application/pdf',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Lower-case extension without the dot, or '' (handles paths, query-free names and dotfiles). */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function contentTypeFor(name: string): string {
  const ext = extensionOf(name);
  // Own keys only: an extension like "constructor" must not reach Object.prototype.
  return Object.prototype.hasOwnProperty.call(TYPES, ext) ? TYPES[ext] : DEFAULT_CONTENT_TYPE;
}
