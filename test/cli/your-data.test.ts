// A newcomer's own CSV through the built binary: separators, target and ignored columns, notes on
// stderr, a summary that names the columns, and the final figures in --json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('train on your own data', () => {
  it('a pandas-style ;-file with its index column and the target first', () => {
    const dir = tempDir();
    const file = join(dir, 'pandas.csv');
    writeFileSync(file, ';label;x1;x2\n0;no;0;0\n1;yes;0;1\n2;yes;1;0\n3;yes;1;1\n');
    const r = runCli([
      'train',
      '--model',
      'perceptron',
      '--data',
      file,
      '--target',
      'label',
      '--epochs',
      '20',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/note: .*separated by semicolons \(detected/);
    expect(r.stderr).toMatch(/note: .*column 1 \(""\) looks like a row index .*--ignore 1 leaves it out/);
    expect(r.stdout).toMatch(
      /features: column 1, x1, x2 \(3\); target: label \(column 2\); classes: no, yes/,
    );
    const ignored = runCli([
      ...['train', '--model', 'perceptron', '--data', file, '--target', '2', '--ignore', '1', '--json'],
    ]);
    expect(ignored.status, ignored.stderr).toBe(0);
    expect(ignored.stderr).not.toMatch(/row index/);
    const json = JSON.parse(ignored.stdout);
    expect(json.final.layers[0].weights[0]).toHaveLength(2); // x1 and x2: the index column left out
    expect(json.result).toEqual({ accuracy: 1, correct: 4, total: 4 });
  });

  it('class labels given to ADALINE: one message with the way out, exit 2', () => {
    const dir = tempDir();
    const file = join(dir, 'iris.csv');
    writeFileSync(file, 'a,b,species\n1,2,setosa\n3,4,virginica\n5,6,setosa\n');
    const r = runCli(['train', '--model', 'adaline', '--data', file]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/holds class labels .* train perceptron, mark1, madaline or mlp on labels/);
  });
});
