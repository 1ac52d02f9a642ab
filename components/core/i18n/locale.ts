/**
 * Locales, and the texts a host adds or replaces (SPEC 0.3 "Words"): `setMessages(locale, table)`
 * puts texts for error codes and for the component's own ids into one app-wide registry that both
 * tables (the core's messages, the component's texts) read before their own words. A locale that
 * only a host gave texts for becomes usable in `locale`.
 */
import { listen } from '../listeners';
import { appSlot } from '../app-state';

/** The locales the package words itself. */
export type Locale = 'zh-CN' | 'en';

/** A text, or a function of the facts it may mention (a failure's details, a reject's file). */
export type MessageText = string | ((detail: Record<string, unknown>) => string);
export type MessageTable = Record<string, MessageText>;

/** locale → id → text, shared by every copy of the package (one app, one set of words). */
const registry = appSlot('messages', () => ({}) as Record<string, MessageTable>);
/** Who shows words and must draw again when a host changes them (mounted components). */
const watchers = appSlot('messageWatchers', () => [] as Array<() => void>);

/** Calls `fn` after every `setMessages`; returns the unsubscribe. */
export function onMessagesChange(fn: () => void): () => void {
  return listen(watchers, fn);
}

/** Own keys only: a code or id like "constructor" must not reach Object.prototype. */
export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/**
 * Adds or replaces texts of `locale`: error codes (`Timeout`) and the component's ids
 * (`upload`, `state.uploading`, …). Values must be strings or functions; `null` takes a host text
 * away again; anything else is left out.
 */
export function setMessages(locale: string, table: Record<string, MessageText | null>): void {
  if (typeof locale !== 'string' || !locale || typeof table !== 'object' || table === null) return;
  const own = hasOwn(registry, locale) ? registry[locale] : (registry[locale] = {});
  for (const id of Object.keys(table)) {
    const text: unknown = table[id];
    if (text === null) delete own[id];
    else if (typeof text === 'string' || typeof text === 'function') own[id] = text as MessageText;
  }
  for (const fn of watchers.slice()) fn();
}

/** A host's text for `id` in `locale`, worded with `detail`; null when the host gave none (or it threw). */
export function hostText(locale: string, id: string, detail: object = {}): string | null {
  if (!hasOwn(registry, locale) || !hasOwn(registry[locale], id)) return null;
  const text = registry[locale][id];
  if (typeof text === 'string') return text;
  try {
    const out = text(detail as Record<string, unknown>);
    return typeof out === 'string' ? out : null;
  } catch {
    return null; // A host's broken wording must not hide the failure: the package's own words stand.
  }
}

/** `'en-US'` → `'en'`; a locale a host registered stays itself; anything else is the default, zh-CN. */
export function normalizeLocale(value: unknown): string {
  if (typeof value !== 'string') return 'zh-CN';
  if (hasOwn(registry, value)) return value;
  return /^en/i.test(value) ? 'en' : 'zh-CN';
}

/** Whose words a locale falls back to where a host gave none: Chinese for zh-*, English otherwise. */
export function baseLocale(locale: string): Locale {
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}

/** A text in Chinese, then in English; `{name}` stands for a fact it mentions. */
export type Words = [string, string];

/**
 * `words` in the language of `locale` (Chinese for zh-*, English otherwise), each `{name}` filled
 * from `facts`; a fact that is itself a `[zh, en]` pair gives its half in the same language. Filled
 * once: braces inside a fact (a file's name, a server's words) stay as they are.
 */
export function fillWords(words: Words, locale: string, facts: Record<string, unknown>): string {
  const en = baseLocale(locale) === 'en' ? 1 : 0;
  return words[en].replace(/\{(\w+)\}/g, (_all, name: string) => {
    const fact = facts[name];
    return String(Array.isArray(fact) ? fact[en] : fact);
  });
}
