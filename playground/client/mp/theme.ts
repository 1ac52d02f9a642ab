/**
 * Light or dark, whatever the computer's own setting: the `prefers-color-scheme` media rules of the
 * mini-program's styles are rewritten in place (CSSOM), WeChat's theme APIs follow, and listeners
 * (the phone frame, `wx.onThemeChange`) hear about it. The playground's own stylesheet is left alone.
 */
export type Theme = 'light' | 'dark';

const COLOR_SCHEME = /\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)/gi;
const MENTIONS_SCHEME = /prefers-color-scheme/i;
/** Always true and always false media features (a 0-px-wide viewport does not exist). */
const ALWAYS = '(min-width: 0px)';
const NEVER = '(max-width: 0px)';

let current: Theme = 'light';
const listeners = new Set<(theme: Theme) => void>();
const originals = new WeakMap<CSSMediaRule, string>();

export function currentTheme(): Theme {
  return current;
}

export function onTheme(fn: (theme: Theme) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function forEachMediaRule(rules: CSSRuleList, fn: (rule: CSSMediaRule) => void): void {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSMediaRule) {
      fn(rule);
      forEachMediaRule(rule.cssRules, fn);
    } else if (rule instanceof CSSSupportsRule) {
      forEachMediaRule(rule.cssRules, fn);
    }
  }
}

/** Re-applies the theme to every sheet (call after simulate inserted new styles). */
export function applyTheme(): void {
  for (const sheet of Array.from(document.styleSheets)) {
    if (sheet.ownerNode instanceof Element && sheet.ownerNode.hasAttribute('data-playground-own')) continue;
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's sheet: not the mini-program's
    }
    forEachMediaRule(rules, (rule) => {
      const original = originals.get(rule) ?? rule.media.mediaText;
      if (!MENTIONS_SCHEME.test(original)) return;
      originals.set(rule, original);
      rule.media.mediaText = original.replace(COLOR_SCHEME, (_, scheme: string) => (scheme.toLowerCase() === current ? ALWAYS : NEVER));
    });
  }
}

export function setTheme(theme: Theme): void {
  if (theme === current) return;
  current = theme;
  applyTheme();
  for (const fn of listeners) fn(theme);
}
