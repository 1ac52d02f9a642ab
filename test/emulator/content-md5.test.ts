/** The bucket checks `Content-MD5` like COS: a body that changed on the way is refused, not stored. */
import { createHash } from 'crypto';
import { Emulator, startEmulator } from '../../emulator';
import { cosError, getUploadUrl, platform } from './helpers';

const md5Base64 = (b: Uint8Array) => createHash('md5').update(b).digest('base64');

describe('Content-MD5 on a PUT', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterEach(() => emu.stop());

  async function putWith(bytes: Uint8Array, contentMd5: string) {
    const { url } = await getUploadUrl(emu, { FileSize: bytes.length });
    const body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return platform.request({ url, method: 'PUT', headers: { 'content-md5': contentMd5 }, body, timeoutMs: 10_000 }).response;
  }

  test('a matching digest stores the object', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const answer = await putWith(bytes, md5Base64(bytes));
    expect(answer.status).toBe(200);
    expect(emu.objects()).toHaveLength(1);
  });

  test('a digest of other bytes: 400 BadDigest, nothing stored', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const answer = await putWith(bytes, md5Base64(new Uint8Array([1, 2, 3, 4, 6])));
    expect(answer.status).toBe(400);
    expect(cosError(answer.body).code).toBe('BadDigest');
    expect(emu.objects()).toEqual([]);
    expect(emu.calls.at(-1)).toMatchObject({ type: 'bucket', status: 400, errorCode: 'BadDigest' });
  });

  test.each([
    ['hex instead of base64', createHash('md5').update('x').digest('hex')],
    ['not base64', '!!!!!!!!!!!!!!!!!!!!!!=='],
    ['15 bytes', createHash('md5').update('x').digest().subarray(0, 15).toString('base64')],
    ['empty', ''],
  ])('a malformed digest (%s): 400 InvalidDigest, nothing stored', async (_name, header) => {
    const answer = await putWith(new Uint8Array([9, 9]), header);
    expect(answer.status).toBe(400);
    expect(cosError(answer.body).code).toBe('InvalidDigest');
    expect(emu.objects()).toEqual([]);
  });
});
