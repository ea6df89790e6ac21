// The held-out split of train --test-split (src/data/split.ts): stratified, seeded, and a test file
// recoded onto the training file's classes.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { alignTestData, splitDataset } from '../../src/data/split.js';
import { Rng } from '../../src/rng.js';

const rows = (labels: string[]) => 'x,y\n' + labels.map((l, i) => `${i},${l}`).join('\n') + '\n';
// 20 a, 10 b, 5 c: a plain random 20 % draw would often miss c entirely.
const data = parseCsv(rows([...Array(20).fill('a'), ...Array(10).fill('b'), ...Array(5).fill('c')]), 'd.csv');

describe('splitDataset', () => {
  it('takes round(fraction × rows) of every class, the same rows for the same seed', () => {
    for (const seed of [1, 2, 3]) {
      const { train, test } = splitDataset(data, 0.2, Rng.fromSeed(seed).fork('split'));
      if (train.task !== 'classification' || test.task !== 'classification') throw new Error('task');
      const count = (labels: number[], k: number) => labels.filter((l) => l === k).length;
      expect([0, 1, 2].map((k) => count(test.labels, k))).toEqual([4, 2, 1]);
      expect([0, 1, 2].map((k) => count(train.labels, k))).toEqual([16, 8, 4]);
      // Every row lands on exactly one side, with its own label.
      const xs = [...train.features, ...test.features].map((r) => r[0]).sort((p, q) => p - q);
      expect(xs).toEqual(Array.from({ length: 35 }, (_, i) => i));
      const again = splitDataset(data, 0.2, Rng.fromSeed(seed).fork('split'));
      expect(again.test.features).toEqual(test.features);
    }
    const one = splitDataset(data, 0.2, Rng.fromSeed(1).fork('split')).test.features;
    const two = splitDataset(data, 0.2, Rng.fromSeed(2).fork('split')).test.features;
    expect(one).not.toEqual(two);
  });

  it('refuses a fraction that leaves one side empty', () => {
    const tiny = parseCsv(rows(['a', 'b']), 't.csv');
    expect(() => splitDataset(tiny, 0.2, Rng.fromSeed(1))).toThrow(/leaves no test rows/);
    expect(() => splitDataset(tiny, 1, Rng.fromSeed(1))).toThrow(/between 0 and 1/);
  });
});

describe('alignTestData', () => {
  it('recodes a test file with fewer classes onto the training classes', () => {
    const sub = parseCsv(rows(['c', 'b', 'c']), 's.csv');
    const aligned = alignTestData(data, sub);
    if (aligned.task !== 'classification') throw new Error('task');
    expect(aligned.classes).toEqual(['a', 'b', 'c']);
    expect(aligned.labels).toEqual([2, 1, 2]);
    expect(aligned.targets[1]).toEqual([-1, 1, -1]);
    expect(() => alignTestData(data, parseCsv(rows(['a', 'z']), 'z.csv'))).toThrow(
      /class 'z' does not occur/,
    );
    expect(() => alignTestData(data, parseCsv('x,w,y\n1,2,a\n3,4,b\n', 'w.csv'))).toThrow(
      /2 feature columns, but d.csv has 1/,
    );
    expect(() => alignTestData(data, parseCsv('q,y\n1,a\n3,b\n', 'q.csv'))).toThrow(
      /column 'q' where d.csv has 'x'/,
    );
  });
});
