/**
 * Reads a PUT body into a file while hashing it, and stops early when there is no point going on:
 * one byte past the size the URL was issued for, or the disk refusing to write. It never destroys
 * the request itself: the route answers first and then closes the connection cleanly.
 * Optionally reads at a set rate (the `slowPut` fault).
 */
import { createHash } from 'crypto';
import { createWriteStream } from 'fs';
import { Readable } from 'stream';

export interface ReceiveOptions {
  /** Stop reading once more than this many bytes have arrived. */
  maxBytes?: number;
  /** Read at most this many bytes per second (for at most THROTTLE_MAX_MS). */
  bytesPerSecond?: number;
}

export type Received =
  | { kind: 'complete'; bytes: number; md5: string }
  /** More than `maxBytes` arrived; reading stopped there and the file holds a partial body. */
  | { kind: 'too-large'; bytes: number };

/** The client went away before the body ended. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

/** The data folder refused the write (gone, full, read-only). */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** A throttled read stops throttling after this long, so a slow PUT always ends. */
export const THROTTLE_MAX_MS = 600_000;

export function receiveBody(source: Readable, file: string, o: ReceiveOptions = {}): Promise<Received> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    const hash = createHash('md5');
    const started = Date.now();
    let bytes = 0;
    let settled = false;
    let holds = 0;
    let throttle: ReturnType<typeof setTimeout> | undefined;

    // Reading pauses while the disk or the throttle holds it, and resumes when neither does.
    const hold = () => {
      if (holds++ === 0) source.pause();
    };
    const release = () => {
      if (--holds === 0 && !settled) source.resume();
    };
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (throttle !== undefined) clearTimeout(throttle);
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onGone);
      source.off('close', onClose);
      source.pause();
      fn();
    };

    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (o.maxBytes !== undefined && bytes > o.maxBytes) {
        out.destroy();
        settle(() => resolve({ kind: 'too-large', bytes }));
        return;
      }
      hash.update(chunk);
      if (!out.write(chunk)) {
        hold();
        out.once('drain', release);
      }
      if (o.bytesPerSecond !== undefined) {
        const elapsed = Date.now() - started;
        const due = (bytes * 1000) / o.bytesPerSecond;
        if (due > elapsed && elapsed < THROTTLE_MAX_MS) {
          hold();
          throttle = setTimeout(release, Math.min(due, THROTTLE_MAX_MS) - elapsed);
        }
      }
    };
    // A paused stream emits 'end' only once resumed: by then the throttle has let the last chunk through.
    const onEnd = () => {
      out.once('finish', () => settle(() => resolve({ kind: 'complete', bytes, md5: hash.digest('hex') })));
      out.end();
    };
    const onGone = () => {
      out.destroy();
      settle(() => reject(new ClientGoneError('the client went away mid-body')));
    };
    const onClose = () => {
      if (!source.readableEnded) onGone();
    };

    out.on('error', (err) => settle(() => reject(new StorageError(err.message))));
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onGone);
    source.on('close', onClose);
  });
}
