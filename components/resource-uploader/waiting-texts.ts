/**
 * What a file held back by the life cycle says: it is neither failed nor stuck, it resumes by
 * itself. Read aloud by screen readers too (the row's aria-label uses the same words).
 */
import type { WaitReason } from '../core/queue/lifecycle';
import type { Locale } from '../core/i18n/messages';

const zh: Record<WaitReason, string> = {
  network: '等待网络，恢复后自动继续',
  background: '小程序在后台，回到前台后自动继续',
};

const en: Record<WaitReason, string> = {
  network: 'Waiting for the network; resumes by itself',
  background: 'Paused in the background; resumes when the app is back',
};

export function waitingTexts(locale: Locale): Record<WaitReason, string> {
  return locale === 'en' ? en : zh;
}
