/**
 * `wx.showToast`, `showLoading`, `showModal` and their `hide…` as plain overlays inside the
 * phone, plus the sheet that asks for a tap before a file dialog may open.
 */
import { Callbacks, settle } from './callbacks';

let root: HTMLElement = document.body;
let toast: { el: HTMLElement; timer?: ReturnType<typeof setTimeout> } | null = null;

/** The element overlays cover (the phone's screen). */
export function setOverlayRoot(el: HTMLElement): void {
  root = el;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const TOAST_ICONS: Record<string, string> = { success: '✓', error: '✕', loading: '' };

function showToastNow(title: string, icon: string, duration: number, mask: boolean, kind: 'toast' | 'loading'): void {
  hideToastNow();
  const layer = el('div', `pg-toast-layer${mask ? ' pg-toast-layer--mask' : ''}`);
  const box = el('div', `pg-toast pg-toast--${icon === 'none' ? 'text' : 'icon'}`);
  box.setAttribute('role', 'status');
  box.dataset.kind = kind;
  if (icon === 'loading') box.appendChild(el('div', 'pg-toast__spinner'));
  else if (icon !== 'none') box.appendChild(el('div', 'pg-toast__icon', TOAST_ICONS[icon] ?? TOAST_ICONS.success));
  box.appendChild(el('div', 'pg-toast__title', title));
  layer.appendChild(box);
  root.appendChild(layer);
  toast = { el: layer };
  if (kind === 'toast') toast.timer = setTimeout(hideToastNow, duration);
}

function hideToastNow(): void {
  if (!toast) return;
  if (toast.timer) clearTimeout(toast.timer);
  toast.el.remove();
  toast = null;
}

interface ToastOptions extends Callbacks<object> {
  title?: string;
  icon?: 'success' | 'error' | 'loading' | 'none';
  duration?: number;
  mask?: boolean;
}

export function showToast(o: ToastOptions = {}): Promise<object> | undefined {
  return settle('showToast', o, async () => {
    showToastNow(String(o.title ?? ''), o.icon ?? 'success', o.duration ?? 1500, !!o.mask, 'toast');
    return {};
  });
}

export function showLoading(o: ToastOptions = {}): Promise<object> | undefined {
  return settle('showLoading', o, async () => {
    showToastNow(String(o.title ?? ''), 'loading', 0, !!o.mask, 'loading');
    return {};
  });
}

export function hideToast(o: Callbacks<object> = {}): Promise<object> | undefined {
  return settle('hideToast', o, async () => {
    hideToastNow();
    return {};
  });
}

export function hideLoading(o: Callbacks<object> = {}): Promise<object> | undefined {
  return settle('hideLoading', o, async () => {
    if (toast && toast.el.querySelector('[data-kind="loading"]')) hideToastNow();
    return {};
  });
}

interface ModalOptions extends Callbacks<object> {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  cancelColor?: string;
  confirmText?: string;
  confirmColor?: string;
}

/** A dialog with one or two buttons; resolves true for the confirming one. */
function dialog(o: { title: string; content: string; confirm: string; cancel?: string; confirmColor?: string; cancelColor?: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const layer = el('div', 'pg-modal-layer');
    const box = el('div', 'pg-modal');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    if (o.title) box.appendChild(el('div', 'pg-modal__title', o.title));
    if (o.content) box.appendChild(el('div', 'pg-modal__content', o.content));
    const actions = el('div', 'pg-modal__actions');
    const button = (text: string, value: boolean, color?: string) => {
      const b = el('button', `pg-modal__button pg-modal__button--${value ? 'confirm' : 'cancel'}`, text);
      b.type = 'button';
      if (color) b.style.color = color;
      b.addEventListener('click', () => {
        layer.remove();
        resolve(value);
      });
      actions.appendChild(b);
    };
    if (o.cancel !== undefined) button(o.cancel, false, o.cancelColor);
    button(o.confirm, true, o.confirmColor);
    box.appendChild(actions);
    layer.appendChild(box);
    root.appendChild(layer);
  });
}

export function showModal(o: ModalOptions = {}): Promise<object> | undefined {
  return settle('showModal', o, async () => {
    const confirm = await dialog({
      title: String(o.title ?? ''),
      content: String(o.content ?? ''),
      confirm: o.confirmText ?? '确定',
      cancel: o.showCancel === false ? undefined : (o.cancelText ?? '取消'),
      confirmColor: o.confirmColor,
      cancelColor: o.cancelColor,
    });
    return { confirm, cancel: !confirm };
  });
}

/** Asks for the tap a file dialog needs; false when the user declines. */
export function askForTap(prompt: string): Promise<boolean> {
  return dialog({ title: prompt, content: 'The browser opens its file dialog only after a tap.', confirm: 'Open', cancel: 'Cancel' });
}
