/**
 * CSV pattern sets: numeric feature columns, the target in the last column, an optional header row.
 *
 * Format (RFC 4180 subset): comma-separated; a field may be double-quoted (a quote inside written
 * twice, commas and line breaks allowed inside); unquoted fields are trimmed; CRLF, LF or CR line
 * ends; a UTF-8 byte-order mark is ignored; blank lines are skipped. "Row N" in messages is the line
 * number in the file (1-based, counting the header and blank lines), "column C" is 1-based.
 *
 * Header detection (`header: 'auto'`, the default): the first row is a header iff one of its feature
 * cells (every cell but the last) is not a number. NaN and Infinity spellings count as numbers here,
 * so a first data row holding them is reported as bad data rather than silently taken as a header.
 *
 * Feature cells must be finite decimal numbers (`12`, `-3.5`, `.5`, `1e-3`); NaN, Infinity, empty
 * cells, hex and anything else are errors. Every problem found (up to 20) is reported at once in a
 * `ValidationError` naming the file, row and column.
 *
 * Targets:
 * - regression (ADALINE/LMS): the target cell is a finite number, used as is.
 * - classification: the target cell is any non-empty text; see `mapClasses` for the ±1 coding
 *   (scikit-learn's: classes sorted, the larger of two is positive; one-vs-rest for more).
 */
import { readFile } from 'node:fs/promises';
import { UserError, ValidationError } from '../errors.js';
import type { Problem } from '../errors.js';

export type CsvTask = 'classification' | 'regression';

export interface CsvOptions {
  /** Default `'classification'`. */
  readonly task?: CsvTask;
  /** `'auto'` (default) detects a header; `true` / `false` force it. */
  readonly header?: 'auto' | boolean;
}

/** The parsed grid before targets are interpreted. */
export interface CsvTable {
  readonly file: string;
  readonly header?: string[];
  /** One row of numbers per data row. */
  readonly features: number[][];
  /** The last cell of every data row, as text (trimmed). */
  readonly targetCells: string[];
  /** The file line number of every data row, for messages. */
  readonly rowNumbers: number[];
  /** Total number of columns (features + 1). */
  readonly columns: number;
}

/** ±1 coding of class labels, scikit-learn style. */
export interface ClassMapping {
  /** Distinct labels in sorted order (numeric order if all are numbers, else text order). */
  readonly classes: string[];
  /** Index into `classes` of every row's label. */
  readonly labels: number[];
  /**
   * Per row, one ±1 target per output unit. Two classes: ONE unit, +1 for `classes[1]` (the larger),
   * −1 for `classes[0]`. More classes: one unit per class (one-vs-rest), +1 for that class.
   */
  readonly targets: number[][];
}

export interface CsvClassificationData extends ClassMapping {
  readonly task: 'classification';
  readonly file: string;
  readonly header?: string[];
  readonly features: number[][];
}

export interface CsvRegressionData {
  readonly task: 'regression';
  readonly file: string;
  readonly header?: string[];
  readonly features: number[][];
  /** The target of every row, as a number. */
  readonly targets: number[];
  /** Always empty for regression. */
  readonly classes: string[];
}

export type CsvDataset = CsvClassificationData | CsvRegressionData;

/** Cap on problems listed in one error, so a wrong file gives a readable message. */
export const MAX_CSV_PROBLEMS = 20;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

type Cell = { text: string; quoted: boolean };
type Record_ = { line: number; cells: Cell[] };

class Problems {
  readonly list: Problem[] = [];
  private dropped = 0;
  constructor(private readonly file: string) {}
  add(path: string, message: string): void {
    if (this.list.length < MAX_CSV_PROBLEMS) this.list.push({ path, message });
    else this.dropped++;
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const problems = this.dropped
      ? [...this.list, { path: '', message: `and ${this.dropped} more problem(s) not shown` }]
      : this.list;
    throw new ValidationError(this.file, problems);
  }
}

const at = (row: number, column: number): string => `row ${row}, column ${column}`;

/** Split text into records of cells, each with the line it starts on. Blank lines are skipped. */
function splitRecords(text: string, problems: Problems): Record_[] {
  const records: Record_[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const cells: Cell[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      // One field.
      let j = i;
      while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
      let value = '';
      let quoted = false;
      if (text[j] === '"') {
        quoted = true;
        const column = cells.length + 1;
        j++;
        let closed = false;
        while (j < n) {
          const ch = text[j];
          if (ch === '"') {
            if (text[j + 1] === '"') {
              value += '"';
              j += 2;
              continue;
            }
            closed = true;
            j++;
            break;
          }
          if (ch === '\n' || (ch === '\r' && text[j + 1] !== '\n')) line++;
          value += ch;
          j++;
        }
        if (!closed) {
          problems.add(at(startLine, column), 'unterminated quoted field (a " without its closing ")');
          i = n;
          cells.push({ text: value, quoted });
          records.push({ line: startLine, cells });
          return records;
        }
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') {
          if (text[j] !== ' ' && text[j] !== '\t') {
            problems.add(at(startLine, column), 'unexpected text after a closing quote');
            break;
          }
          j++;
        }
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      } else {
        const start = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        value = text.slice(start, j).trim();
      }
      cells.push({ text: value, quoted });
      if (j < n && text[j] === ',') {
        i = j + 1;
        if (i >= n) {
          cells.push({ text: '', quoted: false });
          endOfRecord = true;
        }
      } else {
        if (j < n) {
          j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
          line++;
        }
        i = j;
        endOfRecord = true;
      }
    }
    const blank = cells.length === 1 && !cells[0].quoted && cells[0].text === '';
    if (!blank) records.push({ line: startLine, cells });
  }
  return records;
}

function describeNumberProblem(cell: string): string | null {
  if (NUMBER.test(cell)) {
    return Number.isFinite(Number(cell)) ? null : `number ${JSON.stringify(cell)} overflows (not finite)`;
  }
  if (NON_FINITE.test(cell)) return `${JSON.stringify(cell)} is not allowed: values must be finite numbers`;
  if (cell === '') return 'empty cell, expected a number';
  return `expected a number, found ${JSON.stringify(cell)}`;
}

/** Parse the grid: header, numeric features, raw target cells. Targets are not interpreted here. */
export function parseCsvTable(
  text: string,
  file: string,
  options: Pick<CsvOptions, 'header'> = {},
): CsvTable {
  const problems = new Problems(file);
  const records = splitRecords(text, problems);
  problems.throwIfAny();
  if (records.length === 0) {
    throw new ValidationError(file, [
      {
        path: at(1, 1),
        message: 'the file is empty; expected rows of numeric features followed by a target',
      },
    ]);
  }
  const first = records[0];
  const columns = first.cells.length;
  if (columns < 2) {
    throw new ValidationError(file, [
      {
        path: at(first.line, 2),
        message: `expected at least 2 columns (one or more features, then the target), found ${columns}`,
      },
    ]);
  }
  const headerMode = options.header ?? 'auto';
  const hasHeader =
    headerMode === 'auto'
      ? first.cells.slice(0, columns - 1).some((c) => !NUMBER.test(c.text) && !NON_FINITE.test(c.text))
      : headerMode;
  const header = hasHeader ? first.cells.map((c) => c.text) : undefined;
  const dataRecords = hasHeader ? records.slice(1) : records;
  if (dataRecords.length === 0) {
    throw new ValidationError(file, [
      { path: at(first.line + 1, 1), message: 'no data rows after the header' },
    ]);
  }
  const features: number[][] = [];
  const targetCells: string[] = [];
  const rowNumbers: number[] = [];
  for (const record of dataRecords) {
    const { cells, line } = record;
    if (cells.length !== columns) {
      const column = Math.min(cells.length, columns) + 1;
      problems.add(
        at(line, column),
        cells.length < columns
          ? `missing cell: expected ${columns} columns like row ${first.line}, found ${cells.length}`
          : `unexpected extra cell: expected ${columns} columns like row ${first.line}, found ${cells.length}`,
      );
      continue;
    }
    const row: number[] = [];
    for (let c = 0; c < columns - 1; c++) {
      const message = describeNumberProblem(cells[c].text);
      if (message) problems.add(at(line, c + 1), message);
      row.push(Number(cells[c].text));
    }
    features.push(row);
    targetCells.push(cells[columns - 1].text);
    rowNumbers.push(line);
  }
  problems.throwIfAny();
  return { file, header, features, targetCells, rowNumbers, columns };
}

function compareLabels(allNumeric: boolean): (a: string, b: string) => number {
  return allNumeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Code class labels as ±1 targets, as scikit-learn does: the distinct labels sorted (numeric order
 * if every label is a finite number, so "1" and "1.0" are one class, spelled as first seen; else
 * text order by UTF-16 code units); with two classes one unit whose positive class is the larger,
 * with more one unit per class (one-vs-rest). Throws a RangeError with fewer than two classes (the
 * file-aware check is in `parseCsv`).
 */
export function mapClasses(cells: readonly string[]): ClassMapping {
  const allNumeric = cells.length > 0 && cells.every((c) => NUMBER.test(c) && Number.isFinite(Number(c)));
  const key = (c: string): string => (allNumeric ? String(Number(c)) : c);
  const spelling = new Map<string, string>();
  for (const c of cells) if (!spelling.has(key(c))) spelling.set(key(c), c);
  const classes = [...spelling.values()].sort(compareLabels(allNumeric));
  if (classes.length < 2) throw new RangeError(`need at least two classes, found ${classes.length}`);
  const indexOf = new Map(classes.map((c, i) => [key(c), i]));
  const labels = cells.map((c) => indexOf.get(key(c)) as number);
  const targets =
    classes.length === 2
      ? labels.map((l) => [l === 1 ? 1 : -1])
      : labels.map((l) => classes.map((_, k) => (k === l ? 1 : -1)));
  return { classes, labels, targets };
}

function targetColumnName(table: CsvTable): string {
  const name = table.header?.[table.columns - 1];
  return `column ${table.columns}${name ? ` (${JSON.stringify(name)})` : ''}`;
}

/** Parse CSV text (`file` names it in messages) into a data set for the task. */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): CsvDataset {
  const table = parseCsvTable(text, file, options);
  const task = options.task ?? 'classification';
  const problems = new Problems(file);
  const targetColumn = table.columns;
  if (task === 'regression') {
    const targets = table.targetCells.map((cell, i) => {
      const message = describeNumberProblem(cell);
      if (message) problems.add(at(table.rowNumbers[i], targetColumn), `target: ${message}`);
      return Number(cell);
    });
    problems.throwIfAny();
    return { task, file, header: table.header, features: table.features, targets, classes: [] };
  }
  table.targetCells.forEach((cell, i) => {
    if (cell === '')
      problems.add(at(table.rowNumbers[i], targetColumn), 'empty target cell, expected a class label');
  });
  problems.throwIfAny();
  const distinct = new Set(table.targetCells);
  const allNumeric = table.targetCells.every((c) => NUMBER.test(c) && Number.isFinite(Number(c)));
  const count = allNumeric ? new Set(table.targetCells.map(Number)).size : distinct.size;
  if (count < 2) {
    const rows = table.rowNumbers;
    const span = rows.length === 1 ? `row ${rows[0]}` : `rows ${rows[0]}-${rows[rows.length - 1]}`;
    throw new ValidationError(file, [
      {
        path: `${span}, ${targetColumnName(table)}`,
        message: `every target is ${JSON.stringify(table.targetCells[0])}: classification needs at least two classes`,
      },
    ]);
  }
  return { task, file, header: table.header, features: table.features, ...mapClasses(table.targetCells) };
}

/** Read and parse a CSV file. A missing or unreadable file is a `UserError` naming it. */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvDataset> {
  return parseCsv(await readText(path), path, options);
}

async function readText(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, expected a CSV file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : `cannot be read (${(err as Error).message})`;
    throw new UserError(`${path}: ${reason}`);
  }
  return text;
}

/** Every column numeric (an RBM's visible units): no target, unless `leaveOut` names one to drop. */
export interface CsvGrid {
  readonly file: string;
  readonly header?: string[];
  /** The kept columns' values, one row per data row. */
  readonly rows: number[][];
  /** The file line of every data row, for messages. */
  readonly rowNumbers: number[];
  /** The 1-based file column of every kept column, for messages. */
  readonly columnNumbers: number[];
  /** The left-out column (1-based) and its raw cells, when `leaveOut` was given. */
  readonly leftOut?: { column: number; cells: string[] };
}

/**
 * Parse CSV text whose every cell is a number, except the column `leaveOut` names (a 1-based column
 * number if it is a whole number, else a header name), whose cells are kept as text and not used. The header is detected as
 * in `parseCsvTable`: the first row is one iff one of its kept cells is not a number. Every problem
 * (up to 20) is reported at once with its row and column.
 */
export function parseCsvGrid(text: string, file: string, options: { leaveOut?: string } = {}): CsvGrid {
  const problems = new Problems(file);
  const records = splitRecords(text, problems);
  problems.throwIfAny();
  if (records.length === 0) {
    throw new ValidationError(file, [
      { path: at(1, 1), message: 'the file is empty; expected rows of numbers' },
    ]);
  }
  const first = records[0];
  const columns = first.cells.length;
  const isNumber = (c: Cell) => NUMBER.test(c.text) || NON_FINITE.test(c.text);
  let leave = -1;
  if (options.leaveOut !== undefined) {
    const t = options.leaveOut;
    // A whole number is a column number (so a data row's values are never mistaken for names).
    leave = /^\d+$/.test(t) ? Number(t) - 1 : first.cells.findIndex((c) => c.text === t);
    if (leave < 0 || leave >= columns) {
      throw new UserError(
        `${file}: --target '${t}' is neither a header name nor a column number from 1 to ${columns}`,
      );
    }
  }
  const hasHeader = first.cells.some((c, k) => k !== leave && !isNumber(c));
  const header = hasHeader ? first.cells.map((c) => c.text) : undefined;
  const data = hasHeader ? records.slice(1) : records;
  if (data.length === 0) {
    throw new ValidationError(file, [
      { path: at(first.line + 1, 1), message: 'no data rows after the header' },
    ]);
  }
  const columnNumbers: number[] = [];
  for (let c = 0; c < columns; c++) if (c !== leave) columnNumbers.push(c + 1);
  if (columnNumbers.length === 0) {
    throw new ValidationError(file, [
      { path: at(first.line, 1), message: 'no column is left after --target' },
    ]);
  }
  const rows: number[][] = [];
  const rowNumbers: number[] = [];
  const leftCells: string[] = [];
  for (const { cells, line } of data) {
    if (cells.length !== columns) {
      problems.add(
        at(line, Math.min(cells.length, columns) + 1),
        `expected ${columns} columns like row ${first.line}, found ${cells.length}`,
      );
      continue;
    }
    const row: number[] = [];
    for (const c of columnNumbers) {
      const message = describeNumberProblem(cells[c - 1].text);
      if (message) problems.add(at(line, c), message);
      row.push(Number(cells[c - 1].text));
    }
    rows.push(row);
    rowNumbers.push(line);
    if (leave >= 0) leftCells.push(cells[leave].text);
  }
  problems.throwIfAny();
  return {
    file,
    header,
    rows,
    rowNumbers,
    columnNumbers,
    leftOut: leave >= 0 ? { column: leave + 1, cells: leftCells } : undefined,
  };
}

/** Read a file for `parseCsvGrid`; a missing or unreadable file is a `UserError` naming it. */
export async function readCsvGrid(path: string, options: { leaveOut?: string } = {}): Promise<CsvGrid> {
  return parseCsvGrid(await readText(path), path, options);
}
