/** Files for the benchmarks, written once per run into a temp folder that is removed afterwards. */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const MiB = 1 << 20;

export class Fixtures {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));

  /** A file of random bytes (incompressible, like audio), written in 1 MiB chunks to stay light. */
  file(name: string, size: number): string {
    const p = path.join(this.dir, name);
    const fd = fs.openSync(p, 'w');
    for (let written = 0; written < size; written += MiB) fs.writeSync(fd, randomBytes(Math.min(MiB, size - written)));
    fs.closeSync(fd);
    return p;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
