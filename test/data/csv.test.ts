import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mapClasses, parseCsv, parseCsvTable } from '../../src/data/csv.js';
import { readCsv } from '../../src/data/csv-file.js';
import { UserError, ValidationError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The UserError thrown by `fn`, asserting it names the file, row and column. */
async function userError(
  fn: () => Promise<unknown>,
  file: string,
  row: number,
  column: number,
): Promise<UserError> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  const message = (caught as UserError).message;
  expect(message).toContain(file);
  expect(message).toMatch(new RegExp(`rows? ${row}\\b`));
  expect(message).toContain(`column ${column}`);
  return caught as UserError;
}

describe('readCsv: good files', () => {
  it('reads numeric features, a header detected by a non-numeric feature cell, ±1 targets', async () => {
    const path = write('good.csv', 'x1,x2,label\n1,2,yes\n-3.5,.5e1,no\n0,1e-3,yes\n');
    const data = await readCsv(path);
    expect(data.header).toEqual(['x1', 'x2', 'label']);
    expect(data.features).toEqual([
      [1, 2],
      [-3.5, 5],
      [0, 0.001],
    ]);
    expect(data.classes).toEqual(['no', 'yes']);
    expect(data.task === 'classification' && data.targets).toEqual([[1], [-1], [1]]);
  });

  it('without a header the first row is data (even if its target is text)', () => {
    const data = parseCsv('1,2,b\n3,4,a\n', 'f.csv');
    expect(data.header).toBeUndefined();
    expect(data.features).toHaveLength(2);
    expect(data.classes).toEqual(['a', 'b']);
  });

  it('header can be forced on or off', () => {
    expect(parseCsvTable('1,2,3\n4,5,6\n', 'f.csv', { header: true }).header).toEqual(['1', '2', '3']);
    expect(() => parseCsvTable('a,b\n1,2\n', 'f.csv', { header: false })).toThrow(
      /row 1, column 1: expected a number/,
    );
  });

  it('handles CRLF, a BOM, quoted fields, blank lines, and reports rows as file line numbers', () => {
    const data = parseCsv('\ufeff"feat, one",label\r\n\r\n1,"a ""q"""\r\n2,b\r\n', 'q.csv');
    expect(data.header).toEqual(['feat, one', 'label']);
    expect(data.classes).toEqual(['a "q"', 'b']);
    expect(() => parseCsv('x,y\n\n1,a\nfoo,b\n', 'q.csv')).toThrow(/q\.csv: row 4, column 1/);
  });

  it('regression keeps the target as a number', () => {
    const data = parseCsv('a,b,t\n1,1,60\n1,-1,-60\n', 'r.csv', { task: 'regression' });
    expect(data).toMatchObject({ task: 'regression', targets: [60, -60], classes: [] });
  });
});

describe('class mapping (scikit-learn convention)', () => {
  it('two numeric classes: the numerically larger is +1 (10 > 9, not text order)', () => {
    const m = mapClasses(['9', '10', '9']);
    expect(m.classes).toEqual(['9', '10']);
    expect(m.targets).toEqual([[-1], [1], [-1]]);
  });

  it('numeric labels that are equal numbers are one class', () => {
    expect(mapClasses(['1', '1.0', '-1']).classes).toEqual(['-1', '1']);
  });

  it('text labels are in text order: "Yes" < "no" (capitals first)', () => {
    const m = mapClasses(['no', 'Yes']);
    expect(m.classes).toEqual(['Yes', 'no']);
    expect(m.targets).toEqual([[1], [-1]]);
  });

  it('mixed numeric and text labels use text order', () => {
    expect(mapClasses(['10', '9', 'x']).classes).toEqual(['10', '9', 'x']);
  });

  it('more than two classes: one-vs-rest, one unit per sorted class', () => {
    const m = mapClasses(['setosa', 'virginica', 'versicolor', 'setosa']);
    expect(m.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(m.labels).toEqual([0, 2, 1, 0]);
    expect(m.targets).toEqual([
      [1, -1, -1],
      [-1, -1, 1],
      [-1, 1, -1],
      [1, -1, -1],
    ]);
  });

  it('numeric multi-class sorts numerically', () => {
    expect(mapClasses(['2', '10', '-1', '2']).classes).toEqual(['-1', '2', '10']);
  });
});

describe('readCsv: bad input names file, row and column', () => {
  it('ragged row (missing cell)', async () => {
    const path = write('ragged.csv', 'a,b,c\n1,2,x\n3,y\n');
    const err = await userError(() => readCsv(path), path, 3, 3);
    expect(err.message).toMatch(/expected 3 columns/);
  });

  it('ragged row (extra cell)', async () => {
    const path = write('extra.csv', '1,2,x\n3,4,y,5\n');
    await userError(() => readCsv(path), path, 2, 4);
  });

  it('non-numeric feature', async () => {
    const path = write('text.csv', 'a,b,c\n1,2,x\n3,abc,y\n');
    const err = await userError(() => readCsv(path), path, 3, 2);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain('"abc"');
  });

  it.each(['NaN', 'nan', 'Infinity', '-inf', '1e999'])('non-finite feature %s', async (cell) => {
    const path = write(`nonfinite-${cell}.csv`, `a,b,c\n1,2,x\n3,${cell},y\n`);
    const err = await userError(() => readCsv(path), path, 3, 2);
    expect(err.message).toMatch(/finite/);
  });

  it('a first data row holding NaN is reported, not mistaken for a header', async () => {
    const path = write('nan-first.csv', 'NaN,1,x\n3,4,y\n');
    await userError(() => readCsv(path), path, 1, 1);
  });

  it('empty feature cell', async () => {
    const path = write('empty-cell.csv', '1,2,x\n3,,y\n');
    await userError(() => readCsv(path), path, 2, 2);
  });

  it('empty file, and a file of blank lines', async () => {
    await userError(() => readCsv(write('empty.csv', '')), join(dir, 'empty.csv'), 1, 1);
    const err = await userError(() => readCsv(write('blank.csv', '\n  \n')), join(dir, 'blank.csv'), 1, 1);
    expect(err.message).toMatch(/empty/);
  });

  it('a header with no data rows', async () => {
    const path = write('header-only.csv', 'a,b,label\n');
    await userError(() => readCsv(path), path, 2, 1);
  });

  it('a single column (no features)', async () => {
    const path = write('one-col.csv', '1\n2\n');
    await userError(() => readCsv(path), path, 1, 2);
  });

  it('fewer than two classes for classification (but fine for regression)', async () => {
    const path = write('one-class.csv', 'a,b,label\n1,2,x\n3,4,x\n5,6,x\n');
    const err = await userError(() => readCsv(path), path, 2, 3);
    expect(err.message).toMatch(/rows 2-4, column 3 \("label"\).*at least two classes/);
    const numeric = write('one-class-num.csv', '1,2,1\n3,4,1.0\n');
    await userError(() => readCsv(numeric), numeric, 1, 3);
    await expect(readCsv(numeric, { task: 'regression' })).resolves.toMatchObject({ targets: [1, 1] });
  });

  it('non-numeric regression target', async () => {
    const path = write('reg.csv', '1,2,3\n4,5,six\n');
    const err = await userError(() => readCsv(path, { task: 'regression' }), path, 2, 3);
    expect(err.message).toMatch(/target/);
  });

  it('empty classification target', async () => {
    const path = write('empty-target.csv', '1,2,a\n4,5,\n');
    await userError(() => readCsv(path), path, 2, 3);
  });

  it('unterminated quote', async () => {
    const path = write('quote.csv', '1,2,a\n4,5,"b\n');
    await userError(() => readCsv(path), path, 2, 3);
  });

  it('reports several problems at once', async () => {
    const path = write('many.csv', '1,2,a\nx,5,b\n6,y,a\n');
    const err = (await userError(() => readCsv(path), path, 2, 1)) as ValidationError;
    expect(err.problems.map((p) => p.path)).toEqual(['row 2, column 1', 'row 3, column 2']);
  });

  it('a file that does not exist is a UserError naming it', async () => {
    const path = join(dir, 'missing.csv');
    await expect(readCsv(path)).rejects.toBeInstanceOf(UserError);
    await expect(readCsv(path)).rejects.toThrow(`${path}: no such file`);
  });

  it('a directory is a UserError naming it', async () => {
    await expect(readCsv(dir)).rejects.toThrow(`${dir}: is a directory`);
  });
});
