/**
 * Content-Type for the PUT. COS stores whatever we send, and wx.request would otherwise send
 * application/json, so every file gets its own type or application/octet-stream.
 */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Per top-level type, its extensions: `ext` when the subtype is the extension itself, else
 * `ext:subtype`. What is missing gets the default: firmware and raw data (bin, hex, img) and json
 * (SPEC forbids application/json on the PUT: it is wx.request's default, a sign of a forgotten header).
 */
const EXTENSIONS = {
  // voice prompts and ringtones
  audio: 'mp3:mpeg wav aac m4a:mp4 amr ogg opus flac pcm:L16 silk',
  image: 'jpg:jpeg jpeg png gif bmp webp svg:svg+xml ico:x-icon',
  video: 'mp4 mov:quicktime m4v:x-m4v avi:x-msvideo flv:x-flv mkv:x-matroska webm',
  text: 'txt:plain csv',
  application: 'xml zip gz:gzip tar:x-tar pdf',
};

/** Extension → type; a Map, so an extension like "constructor" cannot reach Object.prototype. */
const TYPES = new Map<string, string>();
for (const [type, list] of Object.entries(EXTENSIONS)) {
  for (const entry of list.split(' ')) {
    const [ext, subtype = ext] = entry.split(':');
    TYPES.set(ext, type + '/' + subtype);
  }
}

/**
 * Lower-case extension without the dot, or '': what follows the last dot of the last path segment,
 * unless that dot opens the segment (a dotfile).
 */
export function extensionOf(name: string): string {
  const m = /[^/\\]\.([^./\\]*)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

export function contentTypeFor(name: string): string {
  return TYPES.get(extensionOf(name)) || DEFAULT_CONTENT_TYPE;
}
