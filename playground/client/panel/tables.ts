/** Read-only views of the emulator's state. Keys and names only: no token, no URL signature ever reaches them. */
import { CallRecord, Delivery, EmulatorState, PendingFault, StoredObject } from '../session';
import { formatBytes, h } from './dom';

function empty(text: string): HTMLElement {
  return h('div', { class: 'pg-empty' }, text);
}

function table(head: string[], rows: HTMLTableRowElement[]): HTMLElement {
  return h('table', { class: 'pg-table' }, h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))), h('tbody', {}, ...rows));
}

export function facts(state: EmulatorState): Node[] {
  const item = (term: string, value: string, name: string) => [h('dt', {}, term), h('dd', { 'data-fact': name }, value)];
  return [
    h(
      'dl',
      { class: 'pg-facts' },
      ...item('Endpoint', state.endpoint, 'endpoint'),
      ...item('Product', state.productId, 'product'),
      // Whether the demo's login stand-in has a token, never the token itself.
      ...item('Access token', state.tokens > 0 ? 'set (hidden)' : 'none', 'token'),
      ...item('Envelope', String(state.settings.envelope ?? ''), 'envelope'),
    ),
  ];
}

export function pendingFaults(faults: PendingFault[]): Node[] {
  if (!faults.length) return [empty('No faults waiting.')];
  return [
    h(
      'ul',
      { class: 'pg-pending' },
      ...faults.map((f) => h('li', { 'data-pending-fault': `${f.target}:${f.kind}` }, `${f.kind} → ${f.target} (${f.remaining} left)`)),
    ),
  ];
}

export function objects(list: StoredObject[]): Node[] {
  if (!list.length) return [empty('Nothing stored yet.')];
  return [
    table(
      ['Key', 'Size', 'MD5', 'Type'],
      list.map((o) =>
        h(
          'tr',
          { 'data-object-key': o.key },
          h('td', { class: 'pg-mono' }, o.key),
          h('td', { class: 'pg-nowrap' }, formatBytes(o.size)),
          h('td', { class: 'pg-mono', 'data-md5': o.md5 }, o.md5),
          h('td', {}, o.contentType),
        ),
      ),
    ),
  ];
}

export function deliveries(list: Delivery[] | undefined): Node[] {
  if (!list || !list.length) return [empty('Nothing sent to a device yet.')];
  return [
    table(
      ['Device', 'Resource', 'Version', 'State'],
      list.map((d) =>
        h(
          'tr',
          { 'data-delivery': d.delivered ? 'delivered' : 'pending' },
          h('td', { class: 'pg-mono' }, d.deviceId),
          h('td', { class: 'pg-mono' }, d.resourceName),
          h('td', {}, d.resourceVer),
          h('td', { class: d.delivered ? 'pg-ok' : 'pg-bad' }, d.delivered ? 'delivered' : 'pending'),
        ),
      ),
    ),
  ];
}

function describeCall(c: CallRecord): string {
  return c.type === 'api' ? (c.action ?? '(no action)') : `${c.method ?? ''} ${c.key ?? ''}`;
}

/** The newest calls first. */
export function calls(list: CallRecord[], limit = 12): Node[] {
  if (!list.length) return [empty('No calls yet.')];
  return [
    table(
      ['#', 'Call', 'Status', 'Note'],
      list
        .slice(-limit)
        .reverse()
        .map((c) => {
          const ok = c.status !== undefined && c.status >= 200 && c.status < 300 && !c.errorCode;
          const status = c.status === undefined ? '…' : c.status === 0 ? 'no answer' : String(c.status);
          return h(
            'tr',
            { 'data-call': String(c.seq) },
            h('td', {}, String(c.seq)),
            h('td', { class: 'pg-mono' }, describeCall(c)),
            h('td', { class: ok ? 'pg-ok' : c.status === undefined ? '' : 'pg-bad' }, status),
            h('td', {}, [c.errorCode, c.fault && `fault: ${c.fault}`, c.type === 'bucket' && c.bytes !== undefined && formatBytes(c.bytes)].filter(Boolean).join(' · ')),
          );
        }),
    ),
  ];
}
