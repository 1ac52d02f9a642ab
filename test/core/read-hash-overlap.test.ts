/**
 * Issue 13 "Speed": the read starts beside the hash when the platform can stat the file and the
 * app-wide memory budget has room for it right away, so the two cost about the longer of them;
 * otherwise the read waits for the hash, then for the budget. With a given resource-name the URL
 * request starts beside the hash too, but the PUT still waits for the MD5: `Content-MD5` goes out
 * before the body. The budget counts an early read like any other.
 */
import { AbortScope, memoryBudget, uploadResource } from '../../components/core';
import { ENDPOINT, FakePlatform, md5Hex } from '../support/fake-platform';

const TOKEN = 'tok-overlap-0123456789abcdef0123456789';
const FILE = '/song.mp3';
const BYTES = new Uint8Array(4096).map((_, i) => (i * 7) % 251);

/** Records the order of file work and requests; the hash finishes only when the test says so. */
class GatedPlatform extends FakePlatform {
  readonly events: string[] = [];
  heldWhileHashing = -1;
  private finishHash: () => void = () => undefined;
  private readonly hashGate = new Promise<void>((resolve) => (this.finishHash = resolve));

  constructor(canStat: boolean) {
    super();
    this.addFile(FILE, BYTES);
    if (canStat) (this as { fileSize?: (p: string) => Promise<number> }).fileSize = async (p) => this.files.get(p)!.byteLength;
  }

  override async fileInfo(path: string) {
    this.events.push('hash');
    await this.hashGate;
    this.heldWhileHashing = memoryBudget.held;
    return super.fileInfo(path);
  }

  override async readFile(path: string) {
    this.events.push('read');
    return super.readFile(path);
  }

  override request(req: Parameters<FakePlatform['request']>[0]) {
    this.events.push(req.method === 'PUT' ? 'put' : 'url');
    return super.request(req);
  }

  /** Lets the hash finish once everything that may start beside it has had its chance. */
  async hashAfterTicks(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    this.events.push('hash done');
    this.finishHash();
  }
}

async function upload(platform: GatedPlatform, resourceName?: string) {
  const task = uploadResource({ platform, filePath: FILE, productId: 'P', accessToken: TOKEN, endpoint: ENDPOINT, resourceName });
  await platform.hashAfterTicks();
  return task;
}

afterEach(() => expect(memoryBudget.held).toBe(0));

test('read and hash start together when the budget has room; the read is counted in the budget', async () => {
  const platform = new GatedPlatform(true);
  const result = await upload(platform);
  expect(platform.events.slice(0, 2).sort()).toEqual(['hash', 'read']);
  expect(platform.events.slice(2)).toEqual(['hash done', 'url', 'put']);
  expect(platform.heldWhileHashing).toBe(BYTES.byteLength);
  expect(result.md5).toBe(md5Hex(BYTES));
  expect(platform.readFileCalls).toHaveLength(1);
});

test('with a given resource-name the URL is asked for beside the hash; the PUT waits for the MD5 and sends it', async () => {
  const platform = new GatedPlatform(true);
  await upload(platform, 'song_v2');
  expect(platform.events.slice(0, 4).sort()).toEqual(['hash', 'hash done', 'read', 'url']);
  expect(platform.events.indexOf('url')).toBeLessThan(platform.events.indexOf('hash done'));
  expect(platform.events.indexOf('put')).toBeGreaterThan(platform.events.indexOf('hash done'));
  const put = platform.calls('PUT')[0];
  expect(put.headers['content-md5']).toBe(Buffer.from(md5Hex(BYTES), 'hex').toString('base64'));
  expect(platform.calls('AppGetResourceUploadURL')[0].json).toMatchObject({ UserResourceName: 'song_v2', FileSize: BYTES.byteLength });
});

test('when the budget is taken, the read waits for the hash and then for its turn; nothing is held meanwhile', async () => {
  const other = await memoryBudget.acquire(memoryBudget.limit, new AbortScope(), () => new Error('aborted'));
  const platform = new GatedPlatform(true);
  const task = upload(platform);
  await new Promise((r) => setTimeout(r, 20));
  expect(platform.events).toEqual(['hash', 'hash done', 'url']);
  expect(platform.heldWhileHashing).toBe(memoryBudget.limit);
  other();
  await task;
  expect(platform.events).toEqual(['hash', 'hash done', 'url', 'read', 'put']);
});

test('without a stat the read waits for the hash, as before', async () => {
  const platform = new GatedPlatform(false);
  await upload(platform);
  expect(platform.events).toEqual(['hash', 'hash done', 'url', 'read', 'put']);
});

test('a stat that disagrees with the hash is only a hint: the early read is dropped, the file read again at its hashed size', async () => {
  const platform = new GatedPlatform(true);
  (platform as { fileSize?: (p: string) => Promise<number> }).fileSize = async () => 1024;
  const result = await upload(platform);
  expect(result.size).toBe(BYTES.byteLength);
  expect(platform.readFileCalls).toHaveLength(2);
  expect(platform.calls('PUT')[0].body).toHaveProperty('byteLength', BYTES.byteLength);
});

test('with a given resource-name and a stat that disagrees, the URL is asked for again with the hashed size', async () => {
  const platform = new GatedPlatform(true);
  (platform as { fileSize?: (p: string) => Promise<number> }).fileSize = async () => 1024;
  await upload(platform, 'song_v2');
  expect(platform.calls('AppGetResourceUploadURL').map((c) => c.json!.FileSize)).toEqual([1024, BYTES.byteLength]);
  expect(platform.calls('PUT')).toHaveLength(1);
});

test("WeChat's platform takes the size from the file system's stat, without reading", async () => {
  const g = globalThis as unknown as { wx?: unknown };
  const saved = g.wx;
  const asked: string[] = [];
  g.wx = {
    getFileSystemManager: () => ({
      stat: (o: { path: string; success: (r: object) => void }) => {
        asked.push(o.path);
        o.success({ errMsg: 'stat:ok', stats: { size: 4096, isFile: () => true } });
      },
    }),
  };
  try {
    const { createWechatPlatform } = await import('../../components/platform/wechat');
    await expect(createWechatPlatform().fileSize!('wxfile://tmp/a.mp3')).resolves.toBe(4096);
    expect(asked).toEqual(['wxfile://tmp/a.mp3']);
  } finally {
    g.wx = saved;
  }
});
