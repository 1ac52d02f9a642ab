/** Tiny DOM builders for the panel. */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

export function button(label: string, attrs: Record<string, string | boolean | undefined>, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'pg-button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function section(title: string, name: string): { root: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'pg-section__body' });
  const root = h('section', { class: 'pg-section', 'data-panel': name, 'aria-label': title }, h('h2', {}, title), body);
  return { root, body };
}

/** Replaces the children only when the content changed, so the panel does not flicker while polling. */
export function renderInto(el: HTMLElement & { __pgKey?: string }, key: string, build: () => Node[]): void {
  if (el.__pgKey === key) return;
  el.__pgKey = key;
  el.replaceChildren(...build());
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}
