/**
 * `wx.getFileSystemManager()`'s `readFile`, `getFileInfo` and `stat` over the picked files. `getFileInfo`
 * hashes in 2 MiB slices with spark-md5 (WeChat hashes natively), so a large file is never whole
 * in memory for its digest; `readFile` hands back one ArrayBuffer, as WeChat does.
 */
import SparkMD5 from 'spark-md5';
import { Callbacks, fail, settle } from './callbacks';
import { tempFile } from './temp-files';

const HASH_SLICE = 2 * 1024 * 1024;

interface ReadFileOptions extends Callbacks<{ data: string | ArrayBuffer }> {
  filePath: string;
  encoding?: string;
  position?: number;
  length?: number;
}

interface FileInfoOptions extends Callbacks<{ size: number; digest: string }> {
  filePath: string;
  digestAlgorithm?: 'md5' | 'sha1';
}

function open(api: string, filePath: string): Blob {
  const file = typeof filePath === 'string' ? tempFile(filePath) : undefined;
  // WeChat's wording for a path it does not know.
  if (!file) throw fail(api, `no such file or directory, open ${filePath}`);
  return file;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function decode(api: string, buffer: ArrayBuffer, encoding: string): string {
  const bytes = new Uint8Array(buffer);
  switch (encoding.toLowerCase()) {
    case 'utf8':
    case 'utf-8':
      return new TextDecoder().decode(bytes);
    case 'base64':
      return toBase64(bytes);
    case 'hex':
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    case 'binary':
    case 'latin1':
      return new TextDecoder('latin1').decode(bytes);
    default:
      throw fail(api, `invalid encoding: ${encoding}`);
  }
}

async function readFile(o: ReadFileOptions): Promise<{ data: string | ArrayBuffer }> {
  let blob = open('readFile', o.filePath);
  if (o.position !== undefined || o.length !== undefined) {
    const start = o.position ?? 0;
    blob = blob.slice(start, o.length === undefined ? undefined : start + o.length);
  }
  const buffer = await blob.arrayBuffer();
  return { data: o.encoding ? decode('readFile', buffer, o.encoding) : buffer };
}

async function md5Of(blob: Blob): Promise<string> {
  const spark = new SparkMD5.ArrayBuffer();
  for (let start = 0; start < blob.size; start += HASH_SLICE) {
    spark.append(await blob.slice(start, start + HASH_SLICE).arrayBuffer());
  }
  return spark.end();
}

async function sha1Of(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function getFileInfo(o: FileInfoOptions): Promise<{ size: number; digest: string }> {
  const blob = open('getFileInfo', o.filePath);
  const algorithm = o.digestAlgorithm ?? 'md5';
  if (algorithm !== 'md5' && algorithm !== 'sha1') throw fail('getFileInfo', `invalid digestAlgorithm: ${String(algorithm)}`);
  return { size: blob.size, digest: algorithm === 'md5' ? await md5Of(blob) : await sha1Of(blob) };
}

interface StatOptions extends Callbacks<{ stats: { size: number; mode: number; lastAccessedTime: number; lastModifiedTime: number; isFile(): boolean; isDirectory(): boolean } }> {
  path: string;
}

/** The size without reading (the package asks before hashing, to read beside the hash). */
async function stat(o: StatOptions) {
  const file = open('stat', o.path);
  const seconds = Math.floor(((file as File).lastModified || Date.now()) / 1000);
  return { stats: { size: file.size, mode: 0o100644, lastAccessedTime: seconds, lastModifiedTime: seconds, isFile: () => true, isDirectory: () => false } };
}

function unsupported(name: string): () => never {
  return () => {
    throw new Error(`FileSystemManager.${name} is not available in the playground (browsers have no synchronous file reads)`);
  };
}

/** Patches the manager simulate hands out (one shared object) instead of replacing it. */
export function patchFileSystemManager(manager: Record<string, unknown>): void {
  Object.assign(manager, {
    readFile: (o: ReadFileOptions) => settle('readFile', o, () => readFile(o)),
    getFileInfo: (o: FileInfoOptions) => settle('getFileInfo', o, () => getFileInfo(o)),
    stat: (o: StatOptions) => settle('stat', o, () => stat(o)),
    readFileSync: unsupported('readFileSync'),
  });
}

