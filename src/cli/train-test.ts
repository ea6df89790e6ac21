/**
 * `train --test FILE` / `--test-split FRACTION`: hold out test rows and score the trained model on
 * them (issue 18). The split itself is in data/split.ts; this module reads the options, and turns a
 * trained model's responses into the figures `train` prints and puts in `result.test`.
 */
import type { CsvDataset, CsvOptions } from '../data/csv.js';
import { readCsv } from '../data/csv-file.js';
import { alignTestData, splitDataset } from '../data/split.js';
import { UserError } from '../errors.js';
import { formatNumber } from '../report/table.js';
import { Rng } from '../rng.js';

export interface HeldOutOptions {
  test?: string;
  testSplit?: string;
  seed?: number;
}

/** Parse `--test-split` (a fraction strictly between 0 and 1). */
export function parseTestSplit(text: string): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !(v > 0 && v < 1)) {
    throw new UserError(`--test-split expects a fraction between 0 and 1 (e.g. 0.2), got '${text}'`);
  }
  return v;
}

/** Check the two options before any file is read. */
export function checkHeldOutOptions(o: HeldOutOptions): void {
  if (o.test !== undefined && o.testSplit !== undefined) {
    throw new UserError('--test and --test-split both choose the test rows; give one');
  }
  if (o.testSplit !== undefined) parseTestSplit(o.testSplit);
}

/**
 * The training rows and the test rows, if any. The split draws from its own stream of the run's
 * seed (`fork('split')` of a fresh root), so training draws the same numbers as without a split.
 */
export async function holdOut(
  data: CsvDataset,
  o: HeldOutOptions,
  csvOptions: CsvOptions,
  seed: number,
): Promise<{ data: CsvDataset; test?: CsvDataset; testSource?: string }> {
  checkHeldOutOptions(o);
  if (o.test !== undefined) {
    const test = alignTestData(data, await readCsv(o.test, csvOptions));
    return { data, test, testSource: o.test };
  }
  if (o.testSplit !== undefined) {
    const fraction = parseTestSplit(o.testSplit);
    const { train, test } = splitDataset(data, fraction, Rng.fromSeed(seed).fork('split'));
    const how = data.task === 'classification' ? ', stratified' : '';
    return { data: train, test, testSource: `${fraction} of ${data.file}${how}` };
  }
  return { data };
}

/** What a trained model answers for one row: the outputs compared with the targets, or a value. */
export type Scorer = (x: number[], row: number) => { right: boolean; squaredError: number };

/** Score every test row; the JSON figures and the human line. */
export function scoreTest(
  test: CsvDataset,
  source: string,
  score: Scorer,
): { json: Record<string, unknown>; text: string } {
  const n = test.features.length;
  let right = 0;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = score(test.features[i], i);
    if (r.right) right++;
    sse += r.squaredError;
  }
  if (test.task === 'regression') {
    return {
      json: { source, meanSquaredError: sse / n, total: n },
      text: `test (${source}): mean squared error ${formatNumber(sse / n)} on ${n} rows`,
    };
  }
  return {
    json: { source, accuracy: right / n, correct: right, total: n },
    text: `test accuracy (${source}): ${formatNumber((100 * right) / n)} % (${right} of ${n})`,
  };
}
