/** Plain-text tables for the terminal: columns padded to width, numbers right-aligned. */

export interface TableOptions {
  /** Column alignment; default: right for columns whose cells are all numeric, else left. */
  align?: Array<'left' | 'right'>;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visibleLength = (s: string) => s.replace(ANSI, '').length;

export function renderTable(header: string[], rows: string[][], options: TableOptions = {}): string {
  const widths = header.map((h, i) =>
    Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))),
  );
  const numeric = header.map(
    (_, i) =>
      rows.length > 0 && rows.every((r) => /^[-+]?[\d.,e+-]+( \S+)?$/.test((r[i] ?? '').replace(ANSI, ''))),
  );
  const align = options.align ?? numeric.map((n) => (n ? 'right' : 'left'));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i] - visibleLength(s));
    return align[i] === 'right' ? fill + s : s + fill;
  };
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, i))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** A number for a table: integers as they are, others to 6 significant digits. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}
