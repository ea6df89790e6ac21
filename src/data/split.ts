/**
 * Held-out test data for `train --test FILE` and `train --test-split FRACTION` (issue 18).
 *
 * The split is stratified for classification: each class gives round(fraction × its rows) rows to
 * the test set, drawn with the project RNG, so a small file keeps every class on both sides in the
 * proportions of the whole (what scikit-learn's `train_test_split(..., stratify=y)` does). For
 * regression the rows are drawn without stratification. Both sets keep the file's row order.
 *
 * A separate test file is read with the same options; its classes are recoded onto the training
 * file's (the ±1 coding depends on the sorted class list, which a smaller file may not share).
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { CsvClassificationData, CsvDataset } from './csv.js';

/** The rows `rows` of `data` (in the order given), keeping its class list and coding. */
export function selectRows(data: CsvDataset, rows: readonly number[]): CsvDataset {
  const features = rows.map((i) => data.features[i]);
  if (data.task === 'regression') return { ...data, features, targets: rows.map((i) => data.targets[i]) };
  return {
    ...data,
    features,
    labels: rows.map((i) => data.labels[i]),
    targets: rows.map((i) => data.targets[i]),
  };
}

/** Split `data` into training and test rows; `fraction` of the rows (per class) go to the test set. */
export function splitDataset(
  data: CsvDataset,
  fraction: number,
  rng: Rng,
): { train: CsvDataset; test: CsvDataset } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new UserError(`--test-split expects a fraction between 0 and 1 (e.g. 0.2), got ${fraction}`);
  }
  const n = data.features.length;
  const groups: number[][] = [];
  if (data.task === 'classification') {
    for (let i = 0; i < n; i++) (groups[data.labels[i]] ??= []).push(i);
  } else {
    groups.push(Array.from({ length: n }, (_, i) => i));
  }
  const inTest = new Uint8Array(n);
  for (const g of groups) {
    if (g === undefined) continue;
    const order = rng.shuffle(g.slice());
    const take = Math.round(fraction * g.length);
    for (let k = 0; k < take; k++) inTest[order[k]] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < n; i++) (inTest[i] ? test : train).push(i);
  if (test.length === 0 || train.length === 0) {
    throw new UserError(
      `--test-split ${fraction}: ${data.file} has ${n} rows, which leaves ${test.length === 0 ? 'no test rows' : 'no training rows'}; use a fraction nearer 0.5 or a --test file`,
    );
  }
  return { train: selectRows(data, train), test: selectRows(data, test) };
}

/**
 * Check that a test file has the training file's columns, and recode its classes onto the
 * training file's. Throws a one-line UserError naming the test file otherwise.
 */
export function alignTestData(train: CsvDataset, test: CsvDataset): CsvDataset {
  const f = train.features[0].length;
  const g = test.features[0].length;
  if (g !== f) {
    throw new UserError(
      `--test ${test.file}: ${g} feature column${g === 1 ? '' : 's'}, but ${train.file} has ${f}; the test file needs the same columns`,
    );
  }
  if (train.header && test.header) {
    const a = train.header.slice(0, f + 1);
    const b = test.header.slice(0, g + 1);
    const k = a.findIndex((name, i) => name !== b[i]);
    if (k >= 0) {
      throw new UserError(
        `--test ${test.file}: column '${b[k]}' where ${train.file} has '${a[k]}'; the test file needs the same columns`,
      );
    }
  }
  if (train.task === 'regression' || test.task === 'regression') return test;
  const classes = train.classes;
  const labels = test.labels.map((l) => {
    const k = classes.indexOf(test.classes[l]);
    if (k < 0) {
      throw new UserError(
        `--test ${test.file}: class '${test.classes[l]}' does not occur in ${train.file} (classes: ${classes.join(', ')})`,
      );
    }
    return k;
  });
  // The same ±1 coding as csv.ts mapClasses: one unit for two classes, else one-vs-rest.
  const targets =
    classes.length === 2
      ? labels.map((l) => [l === 1 ? 1 : -1])
      : labels.map((l) => classes.map((_, k) => (k === l ? 1 : -1)));
  const aligned: CsvClassificationData = { ...test, classes, labels, targets };
  return aligned;
}
