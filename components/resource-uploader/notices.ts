/**
 * The component's own sentences: its `error` event and the reject reasons that only a list has
 * (`max-count` as a total, `resource-name`, `host`). The other reject texts come from the core.
 */
import { Locale, rejectMessage } from '../core/messages';
import type { BadProperty } from './property-check';
import type { RejectReason } from './types';

/** Everything a reject message may mention. */
export interface RejectFacts {
  reason: RejectReason;
  name: string;
  size: number;
  maxSize: number;
  maxCount: number;
  extensions: string[];
  resourceName: string;
}

export function rejectText(f: RejectFacts, locale: Locale): string {
  const en = locale === 'en';
  switch (f.reason) {
    case 'max-count':
      return en ? `"${f.name}" was left out: the list holds at most ${f.maxCount} file${f.maxCount === 1 ? '' : 's'}` : `“${f.name}”未加入：最多 ${f.maxCount} 个文件`;
    case 'resource-name':
      return en
        ? `"${f.name}" was left out: the resource name "${f.resourceName}" is already taken by another file in the list`
        : `“${f.name}”未加入：资源名称“${f.resourceName}”已被列表中的另一个文件使用`;
    case 'host':
      return en ? `"${f.name}" was not accepted` : `“${f.name}”未被接受`;
    default:
      return rejectMessage(f.reason, locale, f);
  }
}

/** A chooser failure that is not a cancel: the privacy agreement, a missing permission, anything else. */
export function chooseFailedText(errMsg: string, locale: Locale): string {
  const privacy = /privacy|隐私/i.test(errMsg);
  if (locale === 'en') {
    return privacy
      ? 'Files cannot be chosen until the privacy agreement is accepted'
      : `The file chooser could not open (${errMsg || 'no reason given'})`;
  }
  return privacy ? '同意隐私保护指引后才能选择文件' : `无法打开文件选择（${errMsg || '未说明原因'}）`;
}

/** Some entries a chooser handed back had no usable path or size and were left out. */
export function unusableChoiceText(locale: Locale): string {
  return locale === 'en' ? 'Some chosen files could not be read and were left out' : '部分所选文件无法读取，未加入';
}

/** The message of an InvalidOption: which property, and what it takes. */
export function invalidOptionText(property: BadProperty, value: unknown, locale: Locale): string {
  const shown = typeof value === 'number' ? String(value) : typeof value === 'string' ? `"${value.slice(0, 40)}"` : value === null ? 'null' : typeof value;
  if (locale === 'en') {
    const wants = { 'max-count': 'a whole number of at least 1', 'max-size': 'a number of bytes, 0 or more', extension: 'an array or a string such as "mp3,wav"', 'min-upload-rate': 'bytes per second, more than 0 (0: the default)' }[property];
    return `The property ${property} is unusable (${shown}): it takes ${wants}`;
  }
  const wants = { 'max-count': '不小于 1 的整数', 'max-size': '不小于 0 的字节数', extension: '数组或如 "mp3,wav" 的字符串', 'min-upload-rate': '每秒字节数，大于 0（0 为默认值）' }[property];
  return `属性 ${property} 的值不可用（${shown}）：应为${wants}`;
}
