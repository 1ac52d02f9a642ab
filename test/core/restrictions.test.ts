import { fileRejectReason, normalizeExtensions, normalizeRestrictions, screenFiles } from '../../components/core';
import { rejectText } from '../../components/resource-uploader/texts';

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
    const { accepted, rejected } = screenFiles(picked, r);
    expect(accepted.map((f) => f.name)).toEqual(['a.mp3', 'c.mp3']);
    expect(rejected.map((x) => [x.name, x.reason])).toEqual([
      ['b.txt', 'extension'],
      ['d.mp3', 'max-count'],
      ['e.mp3', 'min-size'],
    ]);
  });

  test('each refusal carries facts, not words: the component words it when it reports it', () => {
    const r = normalizeRestrictions({ extension: ['wav'], maxSize: 1024, maxCount: 1 });
    const picked = [file('ok.wav', 10), file('big.wav', 2048), file('x.wav', 10)];
    expect(screenFiles(picked, r).rejected).toEqual([
      { name: 'big.wav', size: 2048, reason: 'max-size' },
      { name: 'x.wav', size: 10, reason: 'max-count' },
    ]);
  });

  test('an extension refusal, worded by the component, names the allowed types', () => {
    const r = normalizeRestrictions({ extension: ['.MP3', 'wav'] });
    const [rej] = screenFiles([file('a.aac')], r).rejected;
    const facts = { ...rej, maxSize: r.maxSize, maxCount: 1, extensions: r.extensions, resourceName: '' };
    expect(rejectText(facts, 'en')).toContain('mp3, wav');
    expect(rejectText(facts, 'zh-CN')).toContain('mp3、wav');
  });
});
