/**
 * A file's MD5 and its bytes, each as early as the app-wide memory budget allows. The hash
 * (native `getFileInfo` on WeChat) starts at once. When the platform can tell the size up front
 * (a stat) and the budget has room for it right away, the read starts beside the hash: the two
 * then cost about the longer of them instead of their sum. Otherwise the read waits for the hash,
 * then for the budget. The bytes, and the budget with them, are held until `release()`.
 * A file that waits for the app or the network `drop()`s them; its next `bytes()` checks the
 * size and MD5 again (a file changed meanwhile is `FileReadError`), then reads it again.
 */
import type { UploadContext } from '../request/context';
import { uploadAborted, UploadError } from '../errors/upload-error';
import { memoryBudget } from '../limits/memory-budget';
import type { FileInfo } from '../platform';

export interface FilePass {
  /** The size before any hashing, when the platform could stat the file; else null. A hint only. */
  readonly size: number | null;
  /** Size and MD5; the size passed `check`. */
  readonly info: Promise<FileInfo>;
  /** The whole file, `info.size` bytes. */
  bytes(): Promise<ArrayBuffer>;
  /** Gives the file's share of the budget back; safe to call more than once. */
  release(): void;
  /** Forgets the bytes and gives their budget back; the next `bytes()` re-checks the file and reads it again. */
  drop(): void;
}

const ignore = (): void => undefined;

/** The size from a stat, when the platform can tell it; null when it cannot (the hash decides then). */
async function statSize(ctx: UploadContext, filePath: string): Promise<number | null> {
  try {
    const size = ctx.platform.fileSize ? await ctx.platform.fileSize(filePath) : null;
    return typeof size === 'number' && isFinite(size) && size >= 0 ? size : null;
  } catch {
    return null; // The hash says FileReadError if the file really cannot be read.
  }
}

/** `work` on the file; any failure of it is FileReadError. */
async function onFile<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch {
    throw UploadError.of('FileReadError');
  }
}

function fileInfoOf(ctx: UploadContext, filePath: string): Promise<FileInfo> {
  return onFile(async () => {
    const info = await ctx.platform.fileInfo(filePath);
    return { size: info.size, md5: String(info.md5).toLowerCase() };
  });
}

function readWholeFile(ctx: UploadContext, filePath: string, expectedSize: number): Promise<ArrayBuffer> {
  return onFile(async () => {
    const bytes = await ctx.platform.readFile(filePath);
    // FileSize was signed for this size; a file that changed since would be stored wrong.
    if (!bytes || bytes.byteLength !== expectedSize) throw UploadError.of('FileReadError');
    return bytes;
  });
}

/** `check(size)` throws for a size the upload refuses (too large, empty): before any byte is read. */
export async function startFilePass(ctx: UploadContext, filePath: string, check: (size: number) => void): Promise<FilePass> {
  const size = await statSize(ctx, filePath);
  if (size !== null) check(size);
  let release = size !== null ? memoryBudget.tryAcquire(size) : null;
  /** The bytes, read or being read; held with their share of the budget. */
  let reading = release ? readWholeFile(ctx, filePath, size!) : null;
  if (reading) reading.catch(ignore); // Awaited in bytes(); a failed hash must not leave it unhandled.
  const giveBack = () => {
    if (release) release();
    release = null;
  };
  const forget = () => {
    giveBack();
    reading = null;
  };
  /** Bytes were read and then dropped: the file is checked again before it is read again. */
  let dropped = false;
  const info = fileInfoOf(ctx, filePath).then((hashed) => {
    check(hashed.size);
    // The stat is a hint: an early read made for another size than the hash saw is not used.
    if (hashed.size !== size) forget();
    return hashed;
  });
  info.catch(ignore);
  return {
    size,
    info,
    async bytes() {
      const hashed = await info;
      if (!reading) {
        // The file must still be the one hashed: the URL and Content-MD5 were made for it.
        if (dropped) {
          const now = await fileInfoOf(ctx, filePath);
          if (now.size !== hashed.size || now.md5 !== hashed.md5) throw UploadError.of('FileReadError');
        }
        release = await memoryBudget.acquire(hashed.size, ctx.scope, uploadAborted);
        reading = readWholeFile(ctx, filePath, hashed.size);
      }
      return reading;
    },
    release: giveBack,
    drop() {
      // The only reference to the buffer goes: nothing of the file stays in memory while it waits.
      if (reading) dropped = true;
      forget();
    },
  };
}
