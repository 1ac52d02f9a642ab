/**
 * Issue 10 "Memory": a file is read only when it is about to be PUT, the package holds at most
 * `memoryBudget` bytes of file content app-wide (one file alone when larger), a waiting file holds
 * nothing, and the share is given back when the PUT settles (success, failure or abort).
 */
import { AbortScope, configure, currentConfiguration, MemoryBudget, memoryBudget, UploadQueue } from '../../components/core';
import { cosError, ENDPOINT, FakePlatform } from '../support/fake-platform';

const TOKEN = 'tok-memory-0123456789abcdef0123456789';
const aborted = () => new Error('aborted');

describe('MemoryBudget', () => {
  test('first come, first served; a larger file than the budget runs alone; an aborted waiter leaves', async () => {
    const budget = new MemoryBudget(100);
    const a = await budget.acquire(60, new AbortScope(), aborted);
    const order: string[] = [];
    const big = budget.acquire(500, new AbortScope(), aborted).then((r) => (order.push('big'), r));
    const smallScope = new AbortScope();
    const small = budget.acquire(10, smallScope, aborted).then((r) => (order.push('small'), r));
    await Promise.resolve();
    // The small one would fit, but the big one came first: no starvation.
    expect(order).toEqual([]);
    smallScope.abort();
    await expect(small).rejects.toThrow('aborted');
    a();
    a();
    const releaseBig = await big;
    expect([budget.held, budget.peak]).toEqual([500, 500]);
    releaseBig();
    expect([budget.held, budget.waiting]).toEqual([0, 0]);
  });
});

/** A platform that counts the file bytes the package holds: from readFile until that file's upload settles. */
class CountingPlatform extends FakePlatform {
  held = 0;
  peak = 0;
  private readonly outstanding = new Map<string, number>();

  override async readFile(path: string): Promise<ArrayBuffer> {
    const buffer = await super.readFile(path);
    this.outstanding.set(path, buffer.byteLength);
    this.held += buffer.byteLength;
    this.peak = Math.max(this.peak, this.held);
    return buffer;
  }

  /** The upload of `path` settled: its buffer is no longer the package's. */
  forget(path: string): void {
    this.held -= this.outstanding.get(path) || 0;
    this.outstanding.delete(path);
  }
}

const FILE = 300 * 1024;
const BUDGET = 1024 * 1024;
let saved: ReturnType<typeof currentConfiguration>;
beforeEach(() => {
  saved = currentConfiguration();
  configure({ memoryBudget: BUDGET });
  memoryBudget.resetPeak();
});
afterEach(() => configure(saved));

function queues(platform: CountingPlatform, count: number) {
  return Array.from({ length: count }, (_, q) => {
    const queue = new UploadQueue({ uploadOptions: () => ({ platform, productId: 'P', accessToken: TOKEN, endpoint: ENDPOINT, retryDelay: 1, retries: 0 }), concurrency: 9, idPrefix: `q${q}-` });
    const files = Array.from({ length: 9 }, (_, i) => {
      const path = `/q${q}/f${i}.bin`;
      platform.addFile(path, new Uint8Array(FILE).fill(q * 9 + i));
      return { path, name: `f${i}.bin`, size: FILE };
    });
    // A file's buffer stops counting once its upload has settled.
    queue.on('success', (e) => platform.forget(e.file.path));
    queue.on('fail', (e) => platform.forget(e.file.path));
    return { queue, files };
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (const end = Date.now() + 10000; !condition() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 2));
  expect(condition()).toBe(true);
}

test('3 queues × 9 files at concurrency 9 hold at most the budget plus one file', async () => {
  const platform = new CountingPlatform();
  for (let i = 0; i < 27; i++) platform.script('PUT', { delayMs: 15, then: { status: 200, body: '' } });
  const all = queues(platform, 3);
  let completed = 0;
  for (const { queue, files } of all) {
    queue.on('complete', () => completed++);
    queue.add(files, true);
  }
  await until(() => completed === 3);
  expect(all.every(({ queue }) => queue.files.every((f) => f.state === 'done'))).toBe(true);
  expect(platform.peak).toBeLessThanOrEqual(BUDGET + FILE);
  expect(memoryBudget.peak).toBeLessThanOrEqual(BUDGET + FILE);
  expect(platform.readFileCalls).toHaveLength(27);
  expect([memoryBudget.held, memoryBudget.waiting]).toEqual([0, 0]);
});

test('a file waiting for its share has not been read', async () => {
  const platform = new CountingPlatform();
  for (let i = 0; i < 9; i++) platform.script('PUT', { hang: true });
  const [{ queue, files }] = queues(platform, 1);
  queue.add(files, true);
  await until(() => platform.calls('PUT').length === Math.floor(BUDGET / FILE));
  await new Promise((r) => setTimeout(r, 30));
  // 3 files of 300 KiB fit in 1 MiB: the others signed, but wait unread.
  expect(platform.readFileCalls).toHaveLength(3);
  expect(memoryBudget.held).toBe(3 * FILE);
  expect(memoryBudget.waiting).toBeGreaterThan(0);
  queue.abort();
  await until(() => memoryBudget.held === 0 && memoryBudget.waiting === 0);
});

test('nothing stays held after failures and aborts', async () => {
  const platform = new CountingPlatform();
  platform.script('PUT', cosError(403, 'AccessDenied', 'Access Denied.'), { transport: 'network' }, { hang: true }, { hang: true });
  const [{ queue, files }] = queues(platform, 1);
  queue.add(files.slice(0, 6), true);
  await until(() => queue.files.filter((f) => f.state === 'failed').length === 2 && platform.calls('PUT').length >= 4);
  queue.abort();
  await until(() => queue.files.every((f) => f.state === 'failed' || f.state === 'aborted' || f.state === 'done'));
  await until(() => memoryBudget.held === 0 && memoryBudget.waiting === 0);
});
