/**
 * COS-like object storage on disk. Bodies are streamed to a temp file while their MD5 is computed
 * (a 50 MiB PUT never sits in memory), then renamed into place so a reader never sees half an object.
 */
import { createHash, randomBytes } from 'crypto';
import { createReadStream, promises as fsp, readFileSync, ReadStream } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { receiveBody, StorageError } from './receive-body';

export interface StoredObject {
  key: string;
  size: number;
  /** Lower-case hex MD5, also the ETag (in quotes). */
  md5: string;
  contentType: string;
  /** Milliseconds since the epoch (emulator clock). */
  storedAt: number;
}

interface IndexEntry extends StoredObject {
  /** Data file name inside the store's folder; unique per version so racing PUTs never mix. */
  file: string;
}

export type WriteOutcome =
  | { ok: true; object: StoredObject }
  /** The body's size differs from `expectedSize` (reading stopped one byte past it). */
  | { ok: false; reason: 'size'; received: number }
  /** The body's MD5 differs from `expectedMd5`. */
  | { ok: false; reason: 'digest'; received: number };

export interface WriteOptions {
  /** A body of another length is discarded and reported instead of stored. */
  expectedSize?: number;
  /** Lower-case hex MD5 the body must have (from `Content-MD5`); else discarded and reported. */
  expectedMd5?: string;
  /** Read the body at this rate (the `slowPut` fault). */
  bytesPerSecond?: number;
}

/** File names derive from a hash of the key: keys may hold `/`, spaces and any Unicode. */
function fileId(key: string): string {
  return createHash('sha1').update(key, 'utf8').digest('hex');
}

function publicView(e: IndexEntry): StoredObject {
  return { key: e.key, size: e.size, md5: e.md5, contentType: e.contentType, storedAt: e.storedAt };
}

export class ObjectStore {
  private readonly index = new Map<string, IndexEntry>();
  /** Sidecar writes run one after another so the last one on disk is the newest state. */
  private sidecars: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly now: () => number,
  ) {}

  /** Opens (and creates) the folder, picking up objects an earlier run left there. */
  static async open(dir: string, now: () => number): Promise<ObjectStore> {
    await fsp.mkdir(dir, { recursive: true });
    const store = new ObjectStore(dir, now);
    for (const name of await fsp.readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const entry = JSON.parse(await fsp.readFile(path.join(dir, name), 'utf8')) as IndexEntry;
        const stat = await fsp.stat(path.join(dir, entry.file));
        if (stat.size === entry.size) store.index.set(entry.key, entry);
      } catch {
        // A sidecar without its data (a crash between the two renames) is simply not an object.
      }
    }
    return store;
  }

  list(): StoredObject[] {
    return [...this.index.values()].map(publicView).sort((a, b) => a.storedAt - b.storedAt);
  }

  get(key: string): StoredObject | undefined {
    const e = this.index.get(key);
    return e && publicView(e);
  }

  read(key: string): Buffer {
    const e = this.index.get(key);
    if (!e) throw new Error(`no object with key ${JSON.stringify(key)}`);
    return readFileSync(path.join(this.dir, e.file));
  }

  createReadStream(key: string): ReadStream | undefined {
    const e = this.index.get(key);
    return e && createReadStream(path.join(this.dir, e.file));
  }

  /**
   * Streams `source` into the store, checking size and MD5 before the object becomes visible.
   * Rejects (leaving nothing behind) with ClientGoneError when the client goes away mid-body and
   * with StorageError when the data folder refuses the write.
   */
  async write(key: string, source: Readable, contentType: string, o: WriteOptions = {}): Promise<WriteOutcome> {
    const id = fileId(key);
    const file = `${id}-${randomBytes(6).toString('hex')}.bin`;
    const tmp = path.join(this.dir, `.${file}.tmp`);
    const drop = () => fsp.rm(tmp, { force: true }).catch(() => undefined);
    let received;
    try {
      received = await receiveBody(source, tmp, { maxBytes: o.expectedSize, bytesPerSecond: o.bytesPerSecond });
    } catch (err) {
      await drop();
      throw err;
    }
    if (received.kind === 'too-large' || (o.expectedSize !== undefined && received.bytes !== o.expectedSize)) {
      await drop();
      return { ok: false, reason: 'size', received: received.bytes };
    }
    if (o.expectedMd5 !== undefined && received.md5 !== o.expectedMd5) {
      await drop();
      return { ok: false, reason: 'digest', received: received.bytes };
    }
    try {
      await fsp.rename(tmp, path.join(this.dir, file));
    } catch (err) {
      await drop();
      throw new StorageError(err instanceof Error ? err.message : String(err));
    }
    const entry: IndexEntry = {
      key,
      size: received.bytes,
      md5: received.md5,
      contentType,
      storedAt: this.now(),
      file,
    };
    const previous = this.index.get(key);
    this.index.set(key, entry);
    if (previous) await fsp.rm(path.join(this.dir, previous.file), { force: true }).catch(() => undefined);
    await this.writeSidecar(id, key);
    return { ok: true, object: publicView(entry) };
  }

  /** Forgets and deletes every object. */
  async clear(): Promise<void> {
    const files = [...this.index.values()].flatMap((e) => [e.file, `${fileId(e.key)}.json`]);
    this.index.clear();
    await this.sidecars;
    await Promise.all(files.map((f) => fsp.rm(path.join(this.dir, f), { force: true })));
  }

  private writeSidecar(id: string, key: string): Promise<void> {
    const run = async () => {
      const entry = this.index.get(key);
      if (!entry) return;
      const target = path.join(this.dir, `${id}.json`);
      const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      await fsp.writeFile(tmp, JSON.stringify(entry));
      await fsp.rename(tmp, target);
    };
    this.sidecars = this.sidecars.then(run, run);
    return this.sidecars;
  }
}
