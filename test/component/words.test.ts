/**
 * @jest-environment jsdom
 *
 * SPEC 0.3 "Words": every message is worded from its code and details in the locale in force when
 * it is shown, and a host may replace texts or add a locale with `setMessages`. The component runs
 * in miniprogram-simulate; the cloud is FakePlatform's, scripted per test.
 */
import { messageFor, setMessages } from '../../components/core';
import { setMessages as setMessagesOfEntry } from '../../components/index';
import { Mounted } from '../support/mount-uploader';
import { settled, text, tick, uploaderHarness } from '../support/uploader-harness';

const TOKEN = 'tok-words-0123456789abcdef0123456789abcdef';
const h = uploaderHarness(TOKEN);
const { mount, phoneFile } = h;

const rows = (m: Mounted) => m.instance.data.items;
const failed = (m: Mounted) => m.until(() => m.of('fail').length >= 1, 'a fail event', 15000);

describe('a failure is worded when it is shown', () => {
  test('a file that fails after a locale switch fails in the new locale', async () => {
    // The PUT answers 500 three times (two retries), slowly enough to switch locale while it runs.
    const slow500 = { delayMs: 150, then: { status: 500, body: '' } };
    h.wx.cloud.script('PUT', slow500, slow500, slow500);
    h.wx.nextPick({ files: [phoneFile('a.bin', 10)] });
    const m = mount({ locale: 'zh-CN' });
    await m.instance.choose();
    await tick(50);
    m.set({ locale: 'en' });
    await failed(m);
    await tick();
    const english = messageFor('Storage.HttpError', 'en', { status: 500 });
    expect(m.of('fail')[0].message).toBe(english);
    expect(rows(m)[0].message).toBe(english);
    expect(text(m)).not.toMatch(/[\u4e00-\u9fff]/);
  }, 20000);

  test('the "too slow for this file" advice survives locale switches both ways', async () => {
    h.wx.cloud.script('PUT', { transport: 'timeout' }, { transport: 'timeout' }, { transport: 'timeout' });
    h.wx.nextPick({ files: [phoneFile('big.bin', 40)] });
    // 1 byte per second: 40 s of allowance for 40 bytes makes it a large PUT.
    const m = mount({ locale: 'en', minUploadRate: 1 });
    await m.instance.choose();
    await failed(m);
    await tick();
    expect(m.of('fail')[0]).toMatchObject({ code: 'Timeout', retryable: true });
    expect(m.of('fail')[0].message).toMatch(/too slow to upload this file \(40 B\)/);
    m.set({ locale: 'zh-CN' });
    await tick();
    expect(rows(m)[0].message).toMatch(/网络连接太慢，这个文件（40 B）/);
    m.set({ locale: 'en' });
    await tick();
    expect(rows(m)[0].message).toMatch(/too slow to upload this file \(40 B\)/);
    expect(rows(m)[0].message).not.toBe(messageFor('Timeout', 'en'));
  }, 20000);
});

describe('setMessages', () => {
  afterEach(() => {
    // Host texts are app-wide: null takes a host text away, and the package's own words are back.
    setMessages('en', { retry: null, 'Storage.HttpError': null, upload: null, cancel: null });
  });

  test('the package entry exports the same function the core has', () => {
    expect(setMessagesOfEntry).toBe(setMessages);
  });

  test('a host replaces a label and an error text, with a function of the details', async () => {
    setMessages('en', { retry: 'Try again', 'Storage.HttpError': (d) => `Bucket said ${String(d.status)}` });
    h.wx.cloud.script('PUT', { status: 503, body: '' }, { status: 503, body: '' }, { status: 503, body: '' });
    h.wx.nextPick({ files: [phoneFile('a.bin', 10)] });
    const m = mount({ locale: 'en' });
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(m.of('fail')[0].message).toBe('Bucket said 503');
    expect(rows(m)[0].message).toBe('Bucket said 503');
    expect(text(m)).toContain('Try again');
  }, 20000);

  test('a locale only the host gave texts for becomes usable; missing texts fall back to English', async () => {
    setMessages('fr', { 'choose.file': 'Choisir un fichier', 'state.done': 'Envoyé' });
    h.wx.nextPick({ files: [phoneFile('a.bin', 10)] });
    const m = mount({ locale: 'fr', maxCount: 2 });
    await tick();
    expect(text(m)).toContain('Choisir un fichier');
    await m.instance.choose();
    await settled(m);
    await tick();
    expect(text(m)).toContain('Envoyé');
    // Not given by the host: the package's English, not its Chinese.
    expect(text(m)).toContain('1 file uploaded');
  });

  test('texts given after the component attached show at once, a newly registered locale included', async () => {
    const m = mount({ locale: 'de' });
    await tick();
    expect(text(m)).toContain('选择文件');
    setMessages('de', { 'choose.file': 'Datei wählen' });
    await tick();
    expect(text(m)).toContain('Datei wählen');
  });

  test('null takes a host text away again', () => {
    setMessages('en', { Timeout: 'Too late' });
    expect(messageFor('Timeout', 'en')).toBe('Too late');
    setMessages('en', { Timeout: null });
    expect(messageFor('Timeout', 'en')).toBe('The request timed out; try again later');
  });

  test('values that are neither strings nor functions are left out, and a throwing function falls back', async () => {
    setMessages('en', { upload: 42 as unknown as string, cancel: () => { throw new Error('host bug'); } });
    const m = mount({ locale: 'en', autoUpload: false });
    await tick();
    expect(m.instance.data.texts).toMatchObject({ upload: 'Upload', cancel: 'Cancel upload' });
  });
});
