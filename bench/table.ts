/** A figure of the benchmark: what was measured, its value and unit, and how to read it. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** A verdict in words (e.g. a fault's outcome); printed instead of the value. */
  text?: string;
  note?: string;
}

export function formatValue(f: Figure): string {
  if (f.text !== undefined) return f.text;
  if (f.unit === 'B') return f.value.toLocaleString('en-US') + ' B';
  if (f.unit === 'ms') return f.value.toFixed(1) + ' ms';
  if (f.unit === 'MiB') return f.value.toFixed(1) + ' MiB';
  if (f.unit === 'x') return f.value.toFixed(2) + '×';
  return f.value.toLocaleString('en-US') + (f.unit ? ' ' + f.unit : '');
}

/** A Markdown table, so the same text prints in a terminal and pastes into the README. */
export function renderTable(figures: Figure[]): string {
  const rows = figures.map((f) => [f.section, f.name, formatValue(f), f.note || '']);
  const head = ['section', 'figure', 'value', 'how to read it'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(head), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...rows.map(line)].join('\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
