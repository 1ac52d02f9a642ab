import { rejectMessage } from '../../components/core/i18n/messages';
import { fileRejectReason, normalizeExtensions, normalizeRestrictions, screenFiles } from '../../components/core/queue/restrictions';

const file = (name: string, size = 10) => ({ path: 'wxfile://tmp/' + name, name, size });

describe('normalizing what hosts write', () => {
  test('extensions lose dots, case and duplicates; junk is ignored', () => {
    expect(normalizeExtensions(['.MP3', 'wav', '', ' mp3 ', 7, null, '..Wav'])).toEqual(['mp3', 'wav']);
    expect(normalizeExtensions('mp3')).toEqual([]);
    expect(normalizeExtensions(undefined)).toEqual([]);
  });

  test('max-count is a whole number of at least 1, max-size a non-negative number', () => {
    expect(normalizeRestrictions({ maxCount: 3.7, maxSize: 10 })).toEqual({ extensions: [], maxCount: 3, maxSize: 10 });
    expect(normalizeRestrictions({ maxCount: 0, maxSize: -1 })).toEqual({ extensions: [], maxCount: 1, maxSize: 104857600 });
    expect(normalizeRestrictions({ maxCount: NaN, maxSize: Infinity }).maxCount).toBe(1);
    expect(normalizeRestrictions({}).maxSize).toBe(104857600);
  });
});

describe('one file', () => {
  const r = normalizeRestrictions({ extension: ['mp3', 'wav'], maxSize: 100, maxCount: 2 });

  test.each([
    ['voice.mp3', 50, null],
    ['VOICE.MP3', 50, null],
    ['exactly-at-limit.wav', 100, null],
    ['one-over.wav', 101, 'max-size'],
    ['empty.mp3', 0, 'min-size'],
    ['notes.txt', 50, 'extension'],
    ['no-extension', 50, 'extension'],
    ['mp3', 50, 'extension'],
  ])('%s (%i bytes) → %s', (name, size, reason) => {
    expect(fileRejectReason(file(name, size), r)).toBe(reason);
  });

  test('without an extension list any type goes', () => {
    expect(fileRejectReason(file('firmware.bin'), normalizeRestrictions({}))).toBeNull();
  });
});

describe('a choice', () => {
  test('keeps the order, and counts only files that may go towards max-count', () => {
    const r = normalizeRestrictions({ extension: ['mp3'], maxSize: 1000, maxCount: 2 });
    const picked = [file('a.mp3'), file('b.txt'), file('c.mp3'), file('d.mp3'), file('e.mp3', 0)];
    const { accepted, rejected } = screenFiles(picked, r, 'en');
    expect(accepted.map((f) => f.name)).toEqual(['a.mp3', 'c.mp3']);
    expect(rejected.map((x) => [x.name, x.reason])).toEqual([
      ['b.txt', 'extension'],
      ['d.mp3', 'max-count'],
      ['e.mp3', 'min-size'],
    ]);
  });

  test('each refusal is SPEC’s reject detail, with a message in the locale asked for', () => {
    const r = normalizeRestrictions({ extension: ['wav'], maxSize: 1024, maxCount: 1 });
    const picked = [file('ok.wav', 10), file('big.wav', 2048), file('x.wav', 10)];
    const zh = screenFiles(picked, r, 'zh-CN').rejected;
    const en = screenFiles(picked, r, 'en').rejected;
    expect(en).toEqual([
      { name: 'big.wav', size: 2048, reason: 'max-size', message: rejectMessage('max-size', 'en', { name: 'big.wav', size: 2048, maxSize: 1024 }) },
      { name: 'x.wav', size: 10, reason: 'max-count', message: rejectMessage('max-count', 'en', { name: 'x.wav', size: 10, maxCount: 1 }) },
    ]);
    expect(en[0].message).toContain('2 KB');
    expect(en[0].message).toContain('1 KB');
    expect(zh[0].message).toMatch(/过大/);
    expect(zh[1].message).toMatch(/最多 1 个/);
    expect(Object.keys(zh[0]).sort()).toEqual(['message', 'name', 'reason', 'size']);
  });

  test('an extension refusal names the allowed types', () => {
    const r = normalizeRestrictions({ extension: ['.MP3', 'wav'] });
    const [rej] = screenFiles([file('a.aac')], r, 'en').rejected;
    expect(rej.message).toContain('mp3, wav');
    expect(screenFiles([file('a.aac')], r, 'zh-CN').rejected[0].message).toContain('mp3、wav');
  });
});
