// Your own CSV: separators other than commas, a target anywhere, columns left out, index columns.
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvTable } from '../../src/data/csv.js';
import { ValidationError } from '../../src/errors.js';

describe('CSV columns', () => {
  it('detects ; and tab separators (with a note), and refuses an unknown --delimiter', () => {
    for (const [sep, name] of [
      [';', 'semicolons'],
      ['\t', 'tabs'],
    ]) {
      const t = parseCsvTable(`a${sep}b${sep}y\n1${sep}2${sep}x\n3${sep}4${sep}z\n`, 'f.csv');
      expect(t.features).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(t.notes.join('\n')).toContain(`separated by ${name}`);
    }
    const plain = parseCsvTable('a,b,y\n1,2,x\n', 'f.csv');
    expect(plain.notes).toEqual([]);
    // A given delimiter is used as is: here the file's commas are then part of the cells.
    expect(() => parseCsvTable('a,b,y\n1,2,x\n', 'f.csv', { delimiter: ';' })).toThrow(/try --delimiter/);
    expect(() => parseCsvTable('a,b\n', 'f.csv', { delimiter: '|' })).toThrow(/expected , ; tab or auto/);
  });

  it('takes the target by name or number and leaves --ignore columns out; messages name file columns', () => {
    const text = 'id,y,a,b\n0,p,1,2\n1,q,3,4\n2,p,5,6\n';
    for (const target of ['y', '2']) {
      const d = parseCsv(text, 'f.csv', { target, ignore: ['id'] });
      expect(d.features).toEqual([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      expect(d.classes).toEqual(['p', 'q']);
      expect(d.columnNumbers).toEqual([3, 4, 2]);
    }
    const bad = 'y,a,b\np,1,oops\nq,3,4\n';
    expect(() => parseCsv(bad, 'f.csv', { target: 'y' })).toThrow(
      /row 2, column 3: expected a number, found "oops"/,
    );
    expect(() => parseCsv(text, 'f.csv', { target: 'nope' })).toThrow(
      /--target 'nope' is neither a header name/,
    );
    expect(() => parseCsv(text, 'f.csv', { target: '2', ignore: ['2'] })).toThrow(
      /both --target and --ignore/,
    );
  });

  it('notes a column that looks like a row index, by name or by its values', () => {
    expect(parseCsvTable('Unnamed: 0,a,y\n5,1,x\n9,2,z\n', 'f.csv').notes.join()).toMatch(
      /looks like a row index/,
    );
    expect(parseCsvTable('k,a,y\n0,7,x\n1,3,z\n2,5,x\n', 'f.csv').notes.join()).toMatch(
      /column 1 \("k"\) looks like a row index/,
    );
    expect(parseCsvTable('k,a,y\n4,7,x\n1,3,z\n2,5,x\n', 'f.csv').notes).toEqual([]);
  });

  it('counts every problem in the header, not only those listed; labels for a numeric model get one hint', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i % 2 ? 'x' : '1'},oops,1`).join('\n');
    try {
      parseCsv(`a,b,y\n${rows}\n`, 'f.csv');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(/^f\.csv: 45 problems \(the first 20 shown\)\n/);
    }
    expect(() => parseCsv('a,y\n1,setosa\n2,virginica\n', 'f.csv', { task: 'regression' })).toThrow(
      /column 2 \("y"\) holds class labels \("setosa", …\), but this model fits numbers/,
    );
  });
});
