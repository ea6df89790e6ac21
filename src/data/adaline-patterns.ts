/**
 * The ADALINE's 4×4 patterns: the letters T, G and F, each plain and shifted one column right.
 *
 * Source of the task: Hagan, Demuth & Beale, *Neural Network Design*, exercise P10.11, citing Widrow &
 * Hoff 1960 (REFERENCES.md §2.1, secondary): six 4×4 patterns, targets T = +60, G = 0, F = −60. The
 * bitmaps below are OUR drawing of those letters (3 columns wide, so that a one-column shift fits in 4);
 * neither source's exact pixels are reproduced here.
 *
 * Pixels: `#` = switch up (+1), `.` = switch down (−1), WH60's ±1 toggle switches; row-major, top row
 * first. Pure: no imports.
 */

export interface AdalinePattern {
  /** Name, e.g. "T" or "T shifted". */
  readonly name: string;
  readonly letter: 'T' | 'G' | 'F';
  readonly shifted: boolean;
  /** The bitmap as drawn, one string per row. */
  readonly rows: readonly string[];
  /** 16 inputs of ±1, row-major. */
  readonly inputs: readonly number[];
  /** Desired ADALINE sum (Hagan P10.11: T +60, G 0, F −60). */
  readonly target: number;
}

export const ADALINE_GRID = 4;

/** Desired sums of the three letters (Hagan P10.11, citing WH60). */
export const TGF_TARGETS: Readonly<Record<'T' | 'G' | 'F', number>> = { T: 60, G: 0, F: -60 };

const LETTERS: Readonly<Record<'T' | 'G' | 'F', readonly string[]>> = {
  T: [
    '###.', //
    '.#..',
    '.#..',
    '.#..',
  ],
  G: [
    '###.', //
    '#...',
    '#.#.',
    '###.',
  ],
  F: [
    '###.', //
    '#...',
    '##..',
    '#...',
  ],
};

/** Shift a bitmap one column right (the vacated left column is off). */
function shiftRight(rows: readonly string[]): string[] {
  return rows.map((r) => '.' + r.slice(0, r.length - 1));
}

function toInputs(rows: readonly string[]): number[] {
  const out: number[] = [];
  for (const row of rows) {
    if (row.length !== ADALINE_GRID) throw new Error(`bitmap row '${row}' is not ${ADALINE_GRID} wide`);
    for (const c of row) {
      if (c !== '#' && c !== '.') throw new Error(`bitmap row '${row}': use '#' and '.' only`);
      out.push(c === '#' ? 1 : -1);
    }
  }
  return out;
}

/** The six T/G/F patterns: T, G, F, then their shifted copies. */
export function tgfPatterns(): AdalinePattern[] {
  const out: AdalinePattern[] = [];
  for (const shifted of [false, true]) {
    for (const letter of ['T', 'G', 'F'] as const) {
      const rows = shifted ? shiftRight(LETTERS[letter]) : [...LETTERS[letter]];
      out.push({
        name: shifted ? `${letter} shifted` : letter,
        letter,
        shifted,
        rows,
        inputs: toInputs(rows),
        target: TGF_TARGETS[letter],
      });
    }
  }
  return out;
}
