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
import { UserError, ValidationError } from '../errors.js';
import type { Problem } from '../errors.js';

export type CsvTask = 'classification' | 'regression';

export interface CsvOptions {
  /** Default `'classification'`. */
  readonly task?: CsvTask;
  /** `'auto'` (default) detects a header; `true` / `false` force it. */
  readonly header?: 'auto' | boolean;
  /** The cell separator: `,` `;` or a tab; `'auto'` (default) takes `;` or tab when the first line has no comma. */
  readonly delimiter?: string;
  /** The target column: a 1-based column number, or a header name (default: the last column). */
  readonly target?: string;
  /** Columns to leave out (numbers or header names). */
  readonly ignore?: readonly string[];
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
  /** Total number of columns used (features + 1). */
  readonly columns: number;
  /** The file's column number (1-based) of each used column, features first, the target last. */
  readonly columnNumbers: number[];
  /** Things the reader should know (a detected separator, a column that looks like a row index). */
  readonly notes: string[];
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
  /** The file's column number of each feature, then the target's (see `CsvTable`). */
  readonly columnNumbers?: number[];
  /** Things the reader should know (see `CsvTable.notes`). */
  readonly notes?: string[];
}

export interface CsvRegressionData {
  readonly task: 'regression';
  readonly file: string;
  readonly header?: string[];
  readonly features: number[][];
  /** The file's column number of each feature, then the target's (see `CsvTable`). */
  readonly columnNumbers?: number[];
  /** Things the reader should know (see `CsvTable.notes`). */
  readonly notes?: string[];
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
    throw new ValidationError(this.file, this.list, this.list.length + this.dropped);
  }
}

const at = (row: number, column: number): string => `row ${row}, column ${column}`;

/** Split text into records of cells, each with the line it starts on. Blank lines are skipped. */
function splitRecords(text: string, problems: Problems, delimiter = ','): Record_[] {
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
      while (j < n && text[j] !== delimiter && (text[j] === ' ' || text[j] === '\t')) j++;
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
        while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') {
          if (text[j] !== ' ' && text[j] !== '\t') {
            problems.add(at(startLine, column), 'unexpected text after a closing quote');
            break;
          }
          j++;
        }
        while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
      } else {
        const start = i;
        while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
        value = text.slice(start, j).trim();
      }
      cells.push({ text: value, quoted });
      if (j < n && text[j] === delimiter) {
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

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** The separator of `--delimiter` (`,` `;` `tab` or `\t`), or undefined for auto-detection. */
export function parseDelimiter(text: string | undefined): string | undefined {
  if (text === undefined || text === 'auto') return undefined;
  const d = text === 'tab' || text === '\\t' ? '\t' : text;
  if (!Object.hasOwn(DELIMITER_NAMES, d))
    throw new UserError(`--delimiter ${text}: expected , ; tab or auto`);
  return d;
}

/** Auto-detection: a comma if the first line has one outside quotes, else a semicolon, else a tab. */
function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && Object.hasOwn(counts, ch)) counts[ch]++;
  }
  return counts[','] > 0 ? ',' : counts[';'] > 0 ? ';' : counts['\t'] > 0 ? '\t' : ',';
}

/** A column named by `--target` / `--ignore`: a whole number is a 1-based column number, else a header name. */
function findColumn(name: string, first: Cell[], file: string, option: string): number {
  const index = /^\d+$/.test(name) ? Number(name) - 1 : first.findIndex((c) => c.text === name);
  if (index < 0 || index >= first.length) {
    throw new UserError(
      `${file}: ${option} '${name}' is neither a header name nor a column number from 1 to ${first.length}`,
    );
  }
  return index;
}

/** Values 0, 1, 2, … or 1, 2, 3, … down a column: what pandas writes as its index. */
function looksLikeRowIndex(name: string | undefined, values: readonly number[]): boolean {
  if (name !== undefined && /^(|unnamed: ?0|index|row|id)$/i.test(name.trim())) return true;
  if (values.length < 3) return false;
  const start = values[0];
  return (start === 0 || start === 1) && values.every((v, i) => v === start + i);
}

/** Parse the grid: header, numeric features, raw target cells. Targets are not interpreted here. */
export function parseCsvTable(
  text: string,
  file: string,
  options: Pick<CsvOptions, 'header' | 'delimiter' | 'target' | 'ignore'> = {},
): CsvTable {
  const problems = new Problems(file);
  const notes: string[] = [];
  const given = parseDelimiter(options.delimiter);
  const delimiter = given ?? detectDelimiter(text);
  if (given === undefined && delimiter !== ',')
    notes.push(
      `${file}: cells separated by ${DELIMITER_NAMES[delimiter]}s (detected; --delimiter chooses another)`,
    );
  const records = splitRecords(text, problems, delimiter);
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
  const fileColumns = first.cells.length;
  // Which file columns are used, in order: the features, then the target.
  const ignored = new Set((options.ignore ?? []).map((c) => findColumn(c, first.cells, file, '--ignore')));
  const target =
    options.target === undefined
      ? fileColumns - 1
      : findColumn(options.target, first.cells, file, '--target');
  if (ignored.has(target)) throw new UserError(`${file}: column ${target + 1} is both --target and --ignore`);
  const used = [
    ...Array.from({ length: fileColumns }, (_, k) => k).filter((k) => k !== target && !ignored.has(k)),
    target,
  ];
  const columnNumbers = used.map((k) => k + 1);
  const columns = used.length;
  if (columns < 2) {
    const other = [',', ';', '\t'].find((d) => d !== delimiter && (first.cells[0]?.text ?? '').includes(d));
    const hint = other
      ? ` (the cells look separated by ${DELIMITER_NAMES[other]}s: try --delimiter ${other === '\t' ? 'tab' : other})`
      : '';
    throw new ValidationError(file, [
      {
        path: at(first.line, 2),
        message: `expected at least 2 columns (one or more features, then the target), found ${columns}${hint}`,
      },
    ]);
  }
  const pick = (cells: Cell[]) => used.map((k) => cells[k]);
  const headerMode = options.header ?? 'auto';
  const firstUsed = pick(first.cells);
  const hasHeader =
    headerMode === 'auto'
      ? firstUsed.slice(0, columns - 1).some((c) => !NUMBER.test(c.text) && !NON_FINITE.test(c.text))
      : headerMode;
  const header = hasHeader ? firstUsed.map((c) => c.text) : undefined;
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
    const { line } = record;
    if (record.cells.length !== fileColumns) {
      const column = Math.min(record.cells.length, fileColumns) + 1;
      problems.add(
        at(line, column),
        record.cells.length < fileColumns
          ? `missing cell: expected ${fileColumns} columns like row ${first.line}, found ${record.cells.length}`
          : `unexpected extra cell: expected ${fileColumns} columns like row ${first.line}, found ${record.cells.length}`,
      );
      continue;
    }
    const cells = pick(record.cells);
    const row: number[] = [];
    for (let c = 0; c < columns - 1; c++) {
      const message = describeNumberProblem(cells[c].text);
      if (message) problems.add(at(line, columnNumbers[c]), message);
      row.push(Number(cells[c].text));
    }
    features.push(row);
    targetCells.push(cells[columns - 1].text);
    rowNumbers.push(line);
  }
  problems.throwIfAny();
  if (
    looksLikeRowIndex(
      header?.[0],
      features.map((r) => r[0]),
    )
  ) {
    notes.push(
      `${file}: column ${columnNumbers[0]}${header ? ` (${JSON.stringify(header[0])})` : ''} looks like a row index (0, 1, 2, … or a pandas index column) and is used as a feature; --ignore ${columnNumbers[0]} leaves it out`,
    );
  }
  return { file, header, features, targetCells, rowNumbers, columns, columnNumbers, notes };
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
  return `column ${table.columnNumbers[table.columns - 1]}${name ? ` (${JSON.stringify(name)})` : ''}`;
}

/** Parse CSV text (`file` names it in messages) into a data set for the task. */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): CsvDataset {
  const table = parseCsvTable(text, file, options);
  const task = options.task ?? 'classification';
  const problems = new Problems(file);
  const targetColumn = table.columnNumbers[table.columns - 1];
  const found = { columnNumbers: table.columnNumbers, notes: table.notes };
  if (task === 'regression') {
    const text = table.targetCells.filter((c) => c !== '' && !NUMBER.test(c) && !NON_FINITE.test(c));
    if (text.length > 0 && text.length === table.targetCells.filter((c) => c !== '').length) {
      // Every target is a word: class labels given to a model that fits numbers. One message, not 150.
      throw new UserError(
        `${file}: ${targetColumnName(table)} holds class labels (${JSON.stringify(text[0])}, …), but this model fits numbers ` +
          '(ADALINE, an MLP with --output identity): train perceptron, mark1, madaline or mlp on labels, or give numeric targets',
      );
    }
    const targets = table.targetCells.map((cell, i) => {
      const message = describeNumberProblem(cell);
      if (message) problems.add(at(table.rowNumbers[i], targetColumn), `target: ${message}`);
      return Number(cell);
    });
    problems.throwIfAny();
    return { task, file, header: table.header, features: table.features, targets, classes: [], ...found };
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
  return {
    task,
    file,
    header: table.header,
    features: table.features,
    ...mapClasses(table.targetCells),
    ...found,
  };
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
