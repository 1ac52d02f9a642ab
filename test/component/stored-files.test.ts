/**
 * @jest-environment jsdom
 *
 * SPEC 0.3 stored files: a host `files` entry with `userResourceName` and `resourceVer` and no
 * `url` shows its preview or play control; a tap asks `AppGetResourceDownloadUrl` (with the
 * component's product, token or provider, and endpoint) and opens or plays the URL it issues. The
 * URL is asked for once and reused until it expires; a failure stays on the row and is an `error`.
 */
import { setAccessTokenProvider } from '../../components/core';
import { apiError, fakeDownloadUrl } from '../support/fake-platform';
import { FakeMedia, useFakeMedia } from '../support/fake-media';
import type { Mounted } from '../support/mount-uploader';
import { tap, text, tick, uploaderHarness } from '../support/uploader-harness';
import { EXPIRY_MARGIN_MS, STORED_URL_SECONDS } from '../../components/resource-uploader/stored/stored-files';
import type { ErrorDetail, HostFile } from '../../components/resource-uploader/types';

const TOKEN = 'tok-stored-files-0123456789abcdef0123456789abcdef';
const h = uploaderHarness(TOKEN);
const { mount } = h;
const fakeMedia = useFakeMedia();
afterEach(() => {
  jest.restoreAllMocks();
  setAccessTokenProvider(null);
});

const ring: HostFile = { name: 'current-ring.mp3', size: 2048, userResourceName: 'ring', resourceVer: '1.0.0' };
const photo: HostFile = { name: 'cover.jpg', userResourceName: 'cover', resourceVer: '2.0.0' };
const clip: HostFile = { name: 'clip.mp4', userResourceName: 'clip', resourceVer: '0.0.1' };

const rows = (m: Mounted) => (m.instance.data as unknown as { hostItems: Array<Record<string, unknown>> }).hostItems;
const downloadCalls = () => h.wx.cloud.calls('AppGetResourceDownloadUrl');
const played = () => fakeMedia().contexts.flatMap((c) => c.calls.filter(([what]) => what === 'play').map(([, src]) => src));
const until = (m: Mounted, predicate: () => boolean, what: string) => m.until(predicate, what);
/** What the component drew and emitted, as text: the URL's signature must be nowhere in it. */
const shown = (m: Mounted) => JSON.stringify({ events: m.events, setData: m.setDataCalls.map((c) => c.data) });

describe('a stored audio file', () => {
  test('shows play; a tap asks for the URL with the component\'s product, token and endpoint, then plays it', async () => {
    const m = mount({ files: [ring], maxCount: 2 });
    await tick();
    expect(rows(m)[0]).toMatchObject({ id: 'host-0', kind: 'audio', hasUrl: true, fetching: false, message: '' });
    expect(downloadCalls()).toHaveLength(0);
    const before = played().length;
    tap(m, '.ru-play');
    await until(m, () => played().length > before, 'the sound to play');
    const [call] = downloadCalls();
    expect(call.url).toBe('https://iot.cloud.tencent.com/api/exploreropen/tokenapi');
    expect(call.json).toMatchObject({ Action: 'AppGetResourceDownloadUrl', AccessToken: TOKEN, ProductId: 'PROD1', UserResourceName: 'ring', ResourceVer: '1.0.0', EffectiveTime: STORED_URL_SECONDS });
    expect(played().slice(-1)).toEqual([fakeDownloadUrl('ring', '1.0.0', 1)]);
    await tick();
    expect((m.instance.data as unknown as { playing: string }).playing).toBe('host-0');
    expect(shown(m)).not.toContain('q-signature');
  });

  test('the URL is asked for once: stop, play again, a second tap while it is on its way', async () => {
    const m = mount({ files: [ring], maxCount: 2 });
    await tick();
    const before = played().length;
    tap(m, '.ru-play');
    tap(m, '.ru-play'); // the user taps again before the URL came
    await until(m, () => played().length > before, 'the sound to play');
    await tick();
    tap(m, '.ru-play'); // stop
    await tick();
    expect((m.instance.data as unknown as { playing: string }).playing).toBe('');
    tap(m, '.ru-play'); // play again
    await until(m, () => played().length > before + 1, 'the sound to play again');
    expect(downloadCalls()).toHaveLength(1);
    expect(played().slice(-2)).toEqual([fakeDownloadUrl('ring', '1.0.0', 1), fakeDownloadUrl('ring', '1.0.0', 1)]);
  });

  test('a URL the player could not play is not played again: the next tap asks for a new one', async () => {
    const m = mount({ files: [ring], maxCount: 2 });
    await tick();
    const before = played().length;
    tap(m, '.ru-play');
    await until(m, () => played().length === before + 1, 'the first play');
    await tick();
    // The one player of the app fails on the URL (the file was replaced meanwhile, say).
    fakeMedia().contexts.slice(-1)[0].fail('MediaError: 403');
    await tick();
    expect((m.instance.data as unknown as { playing: string }).playing).toBe('');
    tap(m, '.ru-play');
    await until(m, () => played().length === before + 2, 'the second play');
    expect(downloadCalls()).toHaveLength(2);
    expect(played().slice(-2)).toEqual([fakeDownloadUrl('ring', '1.0.0', 1), fakeDownloadUrl('ring', '1.0.0', 2)]);
    // A sound that played to its end keeps its URL.
    await tick();
    fakeMedia().contexts.slice(-1)[0].finish();
    await tick();
    tap(m, '.ru-play');
    await until(m, () => played().length === before + 3, 'the third play');
    expect(downloadCalls()).toHaveLength(2);
  });

  test('an expired URL is asked for again (with the margin), a valid one is not', async () => {
    const m = mount({ files: [ring], maxCount: 2 });
    await tick();
    const start = Date.now();
    const now = jest.spyOn(Date, 'now').mockReturnValue(start);
    const before = played().length;
    tap(m, '.ru-play');
    await until(m, () => played().length === before + 1, 'the first play');
    await tick();
    tap(m, '.ru-play'); // stop
    // Just before the margin: still the same URL.
    now.mockReturnValue(start + STORED_URL_SECONDS * 1000 - EXPIRY_MARGIN_MS - 1000);
    tap(m, '.ru-play');
    await until(m, () => played().length === before + 2, 'the second play');
    await tick();
    expect(downloadCalls()).toHaveLength(1);
    tap(m, '.ru-play'); // stop
    now.mockReturnValue(start + STORED_URL_SECONDS * 1000 - EXPIRY_MARGIN_MS + 1000);
    tap(m, '.ru-play');
    await until(m, () => played().length === before + 3, 'the third play');
    expect(downloadCalls()).toHaveLength(2);
    expect(played().slice(-3)).toEqual([fakeDownloadUrl('ring', '1.0.0', 1), fakeDownloadUrl('ring', '1.0.0', 1), fakeDownloadUrl('ring', '1.0.0', 2)]);
  });

  test('no access-token: the provider gives one (reason "missing")', async () => {
    const reasons: string[] = [];
    setAccessTokenProvider(({ reason }) => {
      reasons.push(reason);
      return 'tok-from-provider-0123456789abcdef';
    });
    const m = mount({ files: [ring], maxCount: 2, accessToken: '' });
    await tick();
    const before = played().length;
    tap(m, '.ru-play');
    await until(m, () => played().length > before, 'the sound to play');
    expect(reasons).toEqual(['missing']);
    expect(downloadCalls()[0].json).toMatchObject({ AccessToken: 'tok-from-provider-0123456789abcdef' });
  });
});

describe('stored images and videos', () => {
  test('an image shows a preview control; a tap opens previewMedia with the issued URL', async () => {
    const m = mount({ files: [photo, clip], maxCount: 3 });
    await tick();
    expect(m.uploader.querySelectorAll('.ru-thumb--icon')).toHaveLength(2);
    tap(m, '.ru-thumb--icon', 0);
    await until(m, () => fakeMedia().previewMediaCalls.length === 1, 'the image preview');
    expect(fakeMedia().previewMediaCalls[0]).toMatchObject({ sources: [{ url: fakeDownloadUrl('cover', '2.0.0', 1), type: 'image' }] });
    tap(m, '.ru-thumb--icon', 1);
    await until(m, () => fakeMedia().previewMediaCalls.length === 2, 'the video preview');
    expect(fakeMedia().previewMediaCalls[1]).toMatchObject({ sources: [{ url: fakeDownloadUrl('clip', '0.0.1', 2), type: 'video' }] });
    tap(m, '.ru-thumb--icon', 0);
    await until(m, () => fakeMedia().previewMediaCalls.length === 3, 'the image again');
    expect(downloadCalls().map((c) => c.json!.UserResourceName)).toEqual(['cover', 'clip']);
    expect(shown(m)).not.toContain('q-signature');
  });

  test('a client without previewMedia: previewImage with the issued URL', async () => {
    const old = new FakeMedia({ previewMedia: false });
    try {
      const m = mount({ files: [photo], maxCount: 2 });
      await tick();
      tap(m, '.ru-thumb--icon');
      await until(m, () => old.previewImageCalls.length === 1, 'the image preview');
      const url = fakeDownloadUrl('cover', '2.0.0', 1);
      expect(old.previewImageCalls[0]).toMatchObject({ urls: [url], current: url });
    } finally {
      old.restore();
    }
  });

  test('preview off, a name without a version, an entry with its own url: no call for a URL', async () => {
    const off = mount({ files: [photo, ring], maxCount: 3, preview: false });
    await tick();
    expect(off.uploader.querySelectorAll('.ru-thumb--icon')).toHaveLength(0);
    expect(off.uploader.querySelectorAll('.ru-play')).toHaveLength(0);
    const partial = mount({ files: [{ name: 'x.mp3', userResourceName: 'x' }, { name: 'own.mp3', userResourceName: 'own', resourceVer: '1', url: 'https://example.invalid/own.mp3' }], maxCount: 3 });
    await tick();
    expect(rows(partial).map((r) => r.hasUrl)).toEqual([false, true]);
    const before = played().length;
    tap(partial, '.ru-play');
    await until(partial, () => played().length > before, 'the own url to play');
    expect(played().slice(-1)).toEqual(['https://example.invalid/own.mp3']);
    expect(downloadCalls()).toHaveLength(0);
  });
});

describe('failures', () => {
  test('shown on the row in the locale at render, an error event, the row stays; the next tap tries again', async () => {
    h.wx.cloud.script('AppGetResourceDownloadUrl', apiError('InvalidParameterValue.ResourceNotExist', 'no such resource'));
    const m = mount({ files: [ring], maxCount: 2, locale: 'en' });
    await tick();
    const before = played().length;
    tap(m, '.ru-play');
    await until(m, () => m.of('error').length === 1, 'the error event');
    const detail = m.of('error')[0] as unknown as ErrorDetail;
    expect(detail).toEqual({ code: 'InvalidParameterValue.ResourceNotExist', message: 'No stored file has this name and version', errMsg: '' });
    await tick();
    expect(rows(m)).toEqual([expect.objectContaining({ id: 'host-0', name: 'current-ring.mp3', message: 'No stored file has this name and version', fetching: false })]);
    expect(text(m)).toContain('No stored file has this name and version');
    expect(played().length).toBe(before);
    m.set({ locale: 'zh-CN' });
    await tick();
    expect(rows(m)[0].message).toBe('找不到已保存的文件（名称或版本不对）');
    tap(m, '.ru-play');
    await until(m, () => played().length > before, 'the sound to play');
    await tick();
    expect(rows(m)[0].message).toBe('');
    expect(downloadCalls()).toHaveLength(2);
  });

  test('no product-id: MissingProductId on the row, no request', async () => {
    const m = mount({ files: [photo], maxCount: 2, productId: '', locale: 'en' });
    await tick();
    tap(m, '.ru-thumb--icon');
    await until(m, () => m.of('error').length === 1, 'the error event');
    expect(m.of('error')[0]).toMatchObject({ code: 'MissingProductId', errMsg: '' });
    await tick();
    expect(rows(m)[0].message).toContain('product-id');
    expect(downloadCalls()).toHaveLength(0);
    expect(fakeMedia().previewMediaCalls).toHaveLength(0);
  });

  test('while the URL is on its way the row says so; a detach stops the call and opens nothing', async () => {
    h.wx.cloud.script('AppGetResourceDownloadUrl', { hang: true });
    const m = mount({ files: [photo], maxCount: 2 });
    await tick();
    expect((m.uploader.dom as Element).innerHTML).not.toMatch(/van-loading/);
    tap(m, '.ru-thumb--icon');
    await tick();
    expect(rows(m)[0].fetching).toBe(true);
    // The only spinner on the page: no chosen file is uploading.
    expect((m.uploader.dom as Element).innerHTML).toMatch(/van-loading/);
    const aborts = h.wx.cloud.aborts;
    m.detach();
    await tick(50);
    expect(h.wx.cloud.aborts).toBe(aborts + 1);
    expect(fakeMedia().previewMediaCalls).toHaveLength(0);
    expect(m.of('error')).toHaveLength(0);
    expect(m.setDataCalls.filter((c) => c.afterDetach)).toHaveLength(0);
  });
});
