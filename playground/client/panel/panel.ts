/**
 * The panel beside the phone: the phone's locale and theme, the emulator's facts, fault buttons,
 * devices, stored objects (with MD5), deliveries and the latest calls. It polls the emulator's
 * admin state once a second and right after each action.
 */
import { SimComponent } from '../globals';
import { currentTheme, setTheme, Theme } from '../mp/theme';
import { admin, EmulatorState, fetchState } from '../session';
import { button, h, renderInto, section } from './dom';
import { FAULT_BUTTONS } from './faults';
import { phoneLifeSection } from './phone-life';
import { showStoredFiles } from './stored-files';
import * as tables from './tables';
import { overrideLocale } from './uploaders';

const POLL_MS = 1000;
const LOCALES: Array<[string, string]> = [
  ['', 'As the page says'],
  ['zh-CN', '中文'],
  ['en', 'English'],
];
const THEMES: Array<[Theme, string]> = [
  ['light', 'Light'],
  ['dark', 'Dark'],
];

/** A row of toggle buttons; exactly one is pressed. */
function choice<T extends string>(name: string, options: Array<[T, string]>, initial: T, onPick: (value: T) => void): HTMLElement {
  const row = h('div', { class: 'pg-buttons', role: 'group', 'data-choice': name });
  const buttons = options.map(([value, label]) =>
    button(label, { 'data-value': value, 'aria-pressed': String(value === initial) }, () => {
      for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.value === value));
      onPick(value);
    }),
  );
  row.append(...buttons);
  return row;
}

export interface PanelOptions {
  /** Initial locale override ('' keeps each uploader's own). */
  locale: string;
}

export function createPanel(host: HTMLElement, page: SimComponent, options: PanelOptions): { refresh(): Promise<void> } {
  const pageRoot = page.dom;
  const phone = section('Phone', 'phone');
  const emulator = section('Emulator', 'emulator');
  const faults = section('Faults (the next matching call meets them)', 'faults');
  const devices = section('Devices', 'devices');
  const objects = section('Stored objects', 'objects');
  const deliveries = section('Deliveries', 'deliveries');
  const calls = section('Latest calls', 'calls');
  host.append(phone.root, phoneLifeSection(), faults.root, objects.root, deliveries.root, devices.root, emulator.root, calls.root);

  let state: EmulatorState | null = null;
  const status = h('div', { class: 'pg-empty', 'data-panel-status': '' });

  const refresh = async () => {
    try {
      state = await fetchState();
      status.textContent = '';
    } catch (err) {
      status.textContent = `Emulator unreachable: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    const s = state;
    renderInto(emulator.body, JSON.stringify([s.endpoint, s.productId, s.tokens, s.settings.envelope]), () => [...tables.facts(s), envelopeButtons(s), resetButton()]);
    renderInto(pending, JSON.stringify(s.faults), () => tables.pendingFaults(s.faults));
    renderInto(devices.body, JSON.stringify(s.devices), () => deviceRows(s));
    renderInto(objects.body, JSON.stringify(s.objects), () => tables.objects(s.objects));
    // The page's "Stored files" section plays or previews them through their download URLs.
    showStoredFiles(page, s.objects);
    renderInto(deliveries.body, JSON.stringify(s.deliveries ?? []), () => tables.deliveries(s.deliveries));
    renderInto(calls.body, JSON.stringify(s.calls.slice(-12)), () => tables.calls(s.calls));
  };

  /** Runs an admin action, then shows its effect at once. */
  const act = (work: () => Promise<unknown>) => () => {
    work()
      .catch((err: unknown) => {
        status.textContent = `Failed: ${err instanceof Error ? err.message : String(err)}`;
      })
      .finally(() => void refresh());
  };

  const envelopeButtons = (s: EmulatorState) =>
    choice('envelope', [['code', 'code/msg/data envelope'], ['response', 'Response envelope']], String(s.settings.envelope) as 'code' | 'response', (envelope) =>
      act(() => admin('POST', 'settings', { envelope }))(),
    );
  const resetButton = () => h('div', { class: 'pg-buttons' }, button('Reset the emulator', { 'data-action': 'reset' }, act(() => admin('POST', 'reset'))));
  const deviceRows = (s: EmulatorState): Node[] =>
    s.devices.map((d) =>
      h(
        'div',
        { class: 'pg-device', 'data-device': d.deviceId, 'data-online': String(d.online) },
        h('span', { class: 'pg-mono' }, d.deviceId),
        ' ',
        h('span', { class: d.online ? 'pg-ok' : 'pg-bad' }, d.online ? 'online' : 'offline'),
        ' ',
        button(d.online ? 'Take offline' : 'Bring online', { 'data-action': 'toggle-device' }, act(() => admin('POST', 'devices', { deviceId: d.deviceId, online: !d.online }))),
      ),
    );

  phone.body.append(
    h('div', { class: 'pg-label' }, 'Locale of every uploader'),
    choice('locale', LOCALES, options.locale, (locale) => overrideLocale(pageRoot, locale)),
    h('div', { class: 'pg-label' }, 'Theme'),
    choice('theme', THEMES, currentTheme(), (theme) => setTheme(theme)),
  );
  if (options.locale) overrideLocale(pageRoot, options.locale);

  const pending = h('div', { class: 'pg-pending-faults' });
  faults.body.append(
    h('div', { class: 'pg-buttons' }, ...FAULT_BUTTONS.map((f) => button(f.label, { 'data-fault': f.id }, act(() => admin('POST', 'faults', f.spec))))),
    pending,
    h('div', { class: 'pg-buttons' }, button('Clear faults', { 'data-action': 'clear-faults' }, act(() => admin('DELETE', 'faults')))),
  );
  host.append(status);

  void refresh();
  setInterval(() => void refresh(), POLL_MS);
  return { refresh };
}
