/** Plain-text tables for the terminal: columns padded to width, numbers right-aligned. */

export interface TableOptions {
  /** Column alignment; default: right for columns whose cells are all numeric, else left. */
  align?: Array<'left' | 'right'>;
  /**
   * The widest the table may be, in characters; text columns wrap at spaces to fit. Default: the
   * terminal's width when standard output is one (see `setTableWidth`), else unlimited.
   */
  maxWidth?: number;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visibleLength = (s: string) => s.replace(ANSI, '').length;

// A wrapped column keeps at least this many characters (or its longest word, if shorter).
const MIN_WRAPPED_WIDTH = 12;
const GAP = 2;

let defaultMaxWidth: number | undefined;

/**
 * The width tables fit by default: the CLI sets the terminal's columns (unless `--wide`); a pipe or a
 * file gets full-width rows, so that tools reading them see one row per line.
 */
export function setTableWidth(width: number | undefined): void {
  defaultMaxWidth =
    width !== undefined && Number.isFinite(width) && width > 0 ? Math.floor(width) : undefined;
}

export function renderTable(header: string[], rows: string[][], options: TableOptions = {}): string {
  const natural = header.map((h, i) =>
    Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))),
  );
  const numeric = header.map(
    (_, i) =>
      rows.length > 0 && rows.every((r) => /^[-+]?[\d.,e+-]+( \S+)?$/.test((r[i] ?? '').replace(ANSI, ''))),
  );
  const align = options.align ?? numeric.map((n) => (n ? 'right' : 'left'));
  const widths = fitWidths(header, rows, natural, align, options.maxWidth ?? defaultMaxWidth);
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, widths[i] - visibleLength(s)));
    return align[i] === 'right' ? fill + s : s + fill;
  };
  // A row is as many lines as its most wrapped cell.
  const lines = (cells: string[]) => {
    const wrapped = widths.map((w, i) => wrap(cells[i] ?? '', w));
    const height = Math.max(1, ...wrapped.map((c) => c.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped
        .map((c, i) => pad(c[k] ?? '', i))
        .join(' '.repeat(GAP))
        .trimEnd(),
    );
  };
  return (
    [...lines(header), widths.map((w) => '-'.repeat(w)).join(' '.repeat(GAP)), ...rows.flatMap(lines)].join(
      '\n',
    ) + '\n'
  );
}

/** Column widths within `maxWidth`: the widest left-aligned (text) column gives way first. */
function fitWidths(
  header: string[],
  rows: string[][],
  natural: number[],
  align: Array<'left' | 'right'>,
  maxWidth: number | undefined,
): number[] {
  const widths = [...natural];
  if (maxWidth === undefined) return widths;
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  // A text column shrinks to its longest word at most (words are never broken), numbers not at all.
  const floor = widths.map((w, i) => {
    if (align[i] === 'right') return w;
    const words = [header[i], ...rows.map((r) => r[i] ?? '')].flatMap((c) => c.replace(ANSI, '').split(' '));
    return Math.min(w, Math.max(MIN_WRAPPED_WIDTH, ...words.map((x) => x.length)));
  });
  while (total() > maxWidth) {
    // Shrink the widest text column toward the next widest, so that wrapped columns share the cut.
    const open = widths.map((w, i) => i).filter((i) => widths[i] > floor[i]);
    if (open.length === 0) break; // cannot fit: the terminal wraps what is left
    open.sort((a, b) => widths[b] - widths[a]);
    const widest = open[0];
    const target = Math.max(floor[widest], open.length > 1 ? widths[open[1]] : floor[widest]);
    widths[widest] -= Math.max(1, Math.min(total() - maxWidth, widths[widest] - target));
  }
  return widths;
}

/** Split a cell into lines of at most `width` visible characters, at spaces. */
function wrap(cell: string, width: number): string[] {
  if (visibleLength(cell) <= width) return [cell];
  const out: string[] = [];
  let line = '';
  for (const word of cell.split(' ')) {
    if (line && visibleLength(line) + 1 + visibleLength(word) > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** A number for a table: integers as they are, others to 6 significant digits. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}
