// Issue 18 "Your data", through the built binary: train --test / --test-split, predict, and the
// Mark I on inputs smaller than its 20×20 retina.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { runCli, tempDir } from '../helpers/cli.js';

let dir: string;
let three: string; // 3 classes, 2 features, 30 rows
let pair: string; // classes y and z only, from `three`
let reg: string; // a numeric target
let wide: string; // 3 classes, 12 features (enough inputs that the Mark I's plugboard matters)
let widePair: string;
const rng = Rng.fromSeed(18);

beforeAll(() => {
  dir = tempDir();
  const rows = Array.from({ length: 30 }, (_, i) => {
    const c = i % 3;
    return [(c + rng.uniform(0, 1)).toFixed(3), rng.uniform(0, 1).toFixed(3), 'xyz'[c]];
  });
  three = join(dir, 'three.csv');
  writeFileSync(three, 'a,b,y\n' + rows.map((r) => r.join(',')).join('\n') + '\n');
  pair = join(dir, 'pair.csv');
  writeFileSync(
    pair,
    'a,b,y\n' +
      rows
        .filter((r) => r[2] !== 'x')
        .map((r) => r.join(','))
        .join('\n') +
      '\n',
  );
  const wideRows = Array.from({ length: 30 }, (_, i) =>
    [...Array.from({ length: 12 }, (_, j) => (j % 3 === i % 3 ? 1 : 0) + rng.int(2)), 'xyz'[i % 3]].join(','),
  );
  wide = join(dir, 'wide3.csv');
  writeFileSync(wide, wideRows.join('\n') + '\n');
  widePair = join(dir, 'wide-pair.csv');
  writeFileSync(widePair, wideRows.filter((r) => !r.endsWith('x')).join('\n') + '\n');
  reg = join(dir, 'reg.csv');
  writeFileSync(
    reg,
    'a,b,t\n' +
      rows.map((r) => `${r[0]},${r[1]},${(Number(r[0]) - Number(r[1])).toFixed(3)}`).join('\n') +
      '\n',
  );
});

interface Figures {
  accuracy: number;
  correct: number;
  total: number;
  meanSquaredError: number;
  source: string;
}
interface Run {
  result: Figures & { test: Figures };
  config: { rows: number };
}

function train(args: string[]): Run {
  const r = runCli(['train', ...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('train --test / --test-split', () => {
  it('scores the training file itself as training does (perceptron, adaline, mlp)', () => {
    for (const [model, data] of [
      ['perceptron', three],
      ['mlp', three],
    ]) {
      const { result } = train(['--model', model, '--data', data, '--epochs', '5', '--test', data]);
      expect(result.test).toEqual({
        source: data,
        accuracy: result.accuracy,
        correct: result.correct,
        total: 30,
      });
    }
    const { result } = train(['--model', 'adaline', '--data', reg, '--epochs', '3', '--test', reg]);
    expect(result.test.meanSquaredError).toBeCloseTo(result.meanSquaredError, 12);
  });

  it('--test-split holds out a stratified fifth, shown in the summary', () => {
    const { result, config } = train(['--model', 'madaline', '--data', three, '--test-split', '0.2']);
    expect(config.rows).toBe(24);
    expect(result.test.total).toBe(6);
    expect(result.test.source).toBe(`0.2 of ${three}, stratified`);
    const human = runCli(['train', '--model', 'perceptron', '--data', three, '--test-split', '0.2']);
    expect(human.stdout).toMatch(
      /^test accuracy \(0\.2 of .*three\.csv, stratified\): [\d.]+ % \(\d of 6\)$/m,
    );
  });

  it('refuses a test file with other columns, and both options, in one line', () => {
    for (const extra of [
      ['--test', reg.replace('reg', 'nope')],
      ['--test', join(dir, 'wide.csv')],
      ['--test', three, '--test-split', '0.5'],
    ]) {
      writeFileSync(join(dir, 'wide.csv'), 'a,b,c,y\n1,2,3,x\n4,5,6,y\n');
      const r = runCli(['train', '--model', 'perceptron', '--data', three, ...extra]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('predict', () => {
  it('gives the classes training counted right: a test file with fewer classes, and the Mark I rebuilt from its seed', () => {
    // Every R-unit right (what training counts) ⇔ exactly one unit on, the right one (what predict names).
    for (const [model, data, subset] of [
      ['perceptron', three, pair],
      ['mark1', wide, widePair],
    ]) {
      const save = join(dir, `${model}.json`);
      const out = join(dir, `${model}.out.csv`);
      const { result } = train([
        '--model',
        model,
        '--data',
        data,
        '--seed',
        '3',
        '--test',
        subset,
        '--save',
        save,
      ]);
      const p = runCli(['predict', '--model-file', save, '--data', subset, '--out', out]);
      expect(p.status, p.stderr).toBe(0);
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines[0]).toMatch(/^(a,b,y|x1,.*,x12,target),prediction$/);
      const cells = lines.slice(1).map((l) => l.split(','));
      const right = cells.filter((c) => c.at(-2) === c.at(-1)).length;
      expect(right).toBe(result.test.correct);
      expect(result.test.total).toBe(20);
    }
  });

  it('reads feature-only rows to stdout; refuses old weights files and wrong column counts', () => {
    const save = join(dir, 'perceptron.json');
    const feats = join(dir, 'feats.csv');
    writeFileSync(feats, '0.5,0.5\n2.5,0.1\n');
    const p = runCli(['predict', '--model-file', save, '--data', feats]);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout).toMatch(/^a,b,prediction\n0\.5,0\.5,[xyz]\n2\.5,0\.1,[xyz]\n$/);
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ layers: JSON.parse(readFileSync(save, 'utf8')).layers }));
    const bad = [
      runCli(['predict', '--model-file', old, '--data', feats]),
      runCli(['predict', '--model-file', save, '--data', join(dir, 'wide.csv')]),
    ];
    expect(bad[0].stderr).toMatch(/no "predict" object .* train --save again/);
    expect(bad[1].stderr).toMatch(/4 columns, but the model takes 2 features/);
    for (const r of bad) {
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('train --model mark1 on small inputs', () => {
  it('chooses settings that fit and says so; a given --max-fan-out that cannot fit gets working values', () => {
    const digits = join(dir, 'digits.csv');
    const row = (i: number) => Array.from({ length: 64 }, () => rng.int(17)).join(',') + `,${i % 2}`;
    writeFileSync(digits, Array.from({ length: 6 }, (_, i) => row(i)).join('\n') + '\n');
    const ok = runCli(['train', '--model', 'mark1', '--data', digits, '--epochs', '1']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/note: mark1: .* using --max-fan-out 95/);
    const no = runCli(['train', '--model', 'mark1', '--data', digits, '--max-fan-out', '40']);
    expect(no.status).toBe(2);
    expect(no.stderr).toMatch(/try --max-fan-out 95 or --a-units 217\n$/);
    const fixed = runCli([
      'train',
      '--model',
      'mark1',
      '--data',
      digits,
      '--max-fan-out',
      '40',
      '--a-units',
      '217',
      '--epochs',
      '1',
    ]);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(fixed.stderr).toBe('');
  });
});
