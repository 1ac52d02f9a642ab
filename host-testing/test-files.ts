/**
 * The files a test hands to `createTestWx`: on disk (`{path, name?, size?}`) or in memory
 * (`{name, data}`, served as `wxfile://tmp/<name>`, the shape of a WeChat temp path). The choosers
 * return them; the file system reads memory files from memory and every other path from disk.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Platform } from '../components/core/platform';
import type { PickedFile } from './chooser-results';
import type { TestFile } from './types';

export const MEMORY_PREFIX = 'wxfile://tmp/';

function bytesOf(data: Uint8Array | ArrayBuffer | string): Uint8Array {
  // Buffer, not TextEncoder: jest's jsdom environment has no TextEncoder.
  if (typeof data === 'string') return new Uint8Array(Buffer.from(data, 'utf8'));
  // A copy: the test may reuse its buffer, the file must not change under the upload.
  return data instanceof Uint8Array ? data.slice() : new Uint8Array(data.slice(0));
}

/** Reads `files` once, up front: a missing disk file or a bad entry fails here, not mid-upload. */
export function phoneFiles(files: readonly TestFile[] = []): { picked: PickedFile[]; memory: Map<string, Uint8Array> } {
  const memory = new Map<string, Uint8Array>();
  const picked = files.map((file, i): PickedFile => {
    if (file && typeof file === 'object' && 'data' in file) {
      if (typeof file.name !== 'string' || !file.name || /[\\/]/.test(file.name)) throw new TypeError(`createTestWx: files[${i}].name must be a file name without "/"`);
      const bytes = bytesOf(file.data);
      const p = MEMORY_PREFIX + file.name;
      memory.set(p, bytes);
      return { path: p, size: bytes.byteLength, name: file.name };
    }
    if (!file || typeof file !== 'object' || typeof file.path !== 'string' || !file.path) throw new TypeError(`createTestWx: files[${i}] needs a path (a file on disk) or a name and data`);
    const stat = fs.statSync(file.path);
    if (!stat.isFile()) throw new TypeError(`createTestWx: files[${i}].path is not a file: ${file.path}`);
    // A given size stands for what the chooser claims (a way to test max-size without a large file).
    return { path: file.path, size: typeof file.size === 'number' ? file.size : stat.size, name: file.name || path.basename(file.path) };
  });
  return { picked, memory };
}

/** `base` with the memory files laid over its file system; requests and timers stay the base's. */
export function withMemoryFiles(base: Platform, memory: ReadonlyMap<string, Uint8Array>): Platform {
  return {
    request: (req) => base.request(req),
    setTimeout: (fn, ms) => base.setTimeout(fn, ms),
    clearTimeout: (handle) => base.clearTimeout(handle),
    randomBytes: base.randomBytes && ((n) => base.randomBytes!(n)),
    lifecycle: base.lifecycle,
    readFile: async (p) => {
      const bytes = memory.get(p);
      // Each read a fresh buffer of its own, as WeChat's readFile gives.
      return bytes ? (bytes.slice().buffer as ArrayBuffer) : base.readFile(p);
    },
    fileInfo: async (p) => {
      const bytes = memory.get(p);
      return bytes ? { size: bytes.byteLength, md5: createHash('md5').update(bytes).digest('hex') } : base.fileInfo(p);
    },
    fileSize: async (p) => {
      const bytes = memory.get(p);
      if (bytes) return bytes.byteLength;
      return base.fileSize ? base.fileSize(p) : (await base.fileInfo(p)).size;
    },
  };
}
