/** `train --model rbm` and `train --model mlp --pretrain rbm`, run as a user runs them (the built program). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('psim-rbm-');
/** 24 rows of 6 pixels in [0, 1] (two bar families, with grey values), a class label last. */
const rows = Array.from({ length: 24 }, (_, r) => {
  const k = r % 3;
  const px = Array.from({ length: 6 }, (_, i) =>
    Math.floor(i / 2) === k ? (r % 2 ? 1 : 0.75) : r % 4 === 0 ? 0.1 : 0,
  );
  return [...px, r % 2 ? 'odd' : 'even'];
});
const data = join(dir, 'bars.csv');
writeFileSync(data, ['a,b,c,d,e,f,label', ...rows.map((r) => r.join(','))].join('\n') + '\n');
const small = ['--data', data, '--target', 'label', '--hidden', '3', '--epochs', '4', '--batch', '5'];

interface RbmJson {
  model: string;
  rule: string;
  config: Record<string, unknown>;
  history: { epoch: number; reconstructionError: number; pseudoLikelihood: number }[];
  finalFigures: { reconstructionError: number; pseudoLikelihood: number; steps: number };
  final: { layers: { weights: number[][]; bias: number[] }[]; visibleBias: number[] };
}

function train(args: string[]): { out: RbmJson; stderr: string } {
  const r = runCli(['train', '--model', 'rbm', ...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return { out: JSON.parse(r.stdout) as RbmJson, stderr: r.stderr };
}

describe('train --model rbm', () => {
  it('--save writes exactly { layers: [{ weights [hidden][visible], bias [hidden] }], visibleBias }; --features the probabilities', () => {
    const save = join(dir, 'w.json');
    const features = join(dir, 'h.csv');
    const { out } = train([...small, '--save', save, '--features', features]);
    const w = JSON.parse(readFileSync(save, 'utf8')) as RbmJson['final'];
    expect(Object.keys(w)).toEqual(['layers', 'visibleBias']);
    expect(Object.keys(w.layers[0])).toEqual(['weights', 'bias']);
    expect(w.layers).toHaveLength(1);
    expect(w.layers[0].weights).toHaveLength(3);
    expect(w.layers[0].weights.every((r) => r.length === 6)).toBe(true);
    expect(w.layers[0].bias).toHaveLength(3);
    expect(w.visibleBias).toHaveLength(6);
    expect(out.final).toEqual(w);
    // History: one record per epoch with the two figures; the final figures are the last epoch's.
    expect(out.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(out.finalFigures.reconstructionError).toBe(out.history[3].reconstructionError);
    expect(out.finalFigures.steps).toBe(4 * 5);
    expect(out.config.leftOut).toEqual({ column: 7, name: 'label' });
    // Features: P(h = 1 | v) from the saved weights, with the left-out column carried along.
    const lines = readFileSync(features, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('h1,h2,h3,label');
    expect(lines).toHaveLength(25);
    lines.slice(1).forEach((line, r) => {
      const cells = line.split(',');
      expect(cells[3]).toBe(rows[r][6]);
      w.layers[0].weights.forEach((wj, j) => {
        const z = w.layers[0].bias[j] + wj.reduce((s, x, i) => s + x * Number(rows[r][i]), 0);
        expect(Number(cells[j])).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
      });
    });
  });

  it('the same seed gives the same weights; PCD and another seed do not', () => {
    const a = train([...small, '--seed', '5']).out.final;
    expect(train([...small, '--seed', '5']).out.final).toEqual(a);
    expect(train([...small, '--seed', '6']).out.final).not.toEqual(a);
    const pcd = train([
      ...small,
      '--seed',
      '5',
      '--rule',
      'pcd',
      '--k',
      '2',
      '--momentum',
      '0.5',
      '--l2',
      '0.001',
    ]);
    expect(pcd.out.final).not.toEqual(a);
    expect(pcd.out.config).toMatchObject({ rule: 'pcd', k: 2, momentum: 0.5, weightDecay: 0.001 });
  });

  it('a value outside [0, 1] is exit 2 naming the file, row and column, without a stack', () => {
    const r = runCli(['train', '--model', 'rbm', '--data', data, '--hidden', '3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bars\.csv[\s\S]*row 2, column 7: expected a number, found "even"/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n0,1\n0.5,1.25\n');
    const r2 = runCli(['train', '--model', 'rbm', '--data', bad, '--hidden', '2']);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/bad\.csv: row 3, column 2: 1\.25 is outside \[0, 1\]/);
    expect(r2.stderr).not.toMatch(/\bat \S+\.js/);
  });

  it.each([
    [['--rule', 'fixed'], /--rule.*cd, pcd/],
    [['--hidden', '3,2'], /an RBM has one hidden layer/],
    [['--activation', 'tanh'], /--activation: does not apply to --model rbm/],
    [['--target', 'nope'], /--target 'nope' is neither a header name nor a column number/],
  ])('bad option %j is exit 2', (extra, message) => {
    const r = runCli([
      'train',
      '--model',
      'rbm',
      '--data',
      data,
      '--target',
      'label',
      ...(extra as string[]),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
  });

  it('--trace records every update; replay --verify re-runs it exactly', () => {
    const trace = join(dir, 'rbm.jsonl');
    train([...small, '--trace', trace]);
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    const header = JSON.parse(lines[0]) as { kind: string; model: string };
    expect(header).toMatchObject({ kind: 'rbm', model: 'rbm' });
    const v = runCli(['replay', trace, '--verify']);
    expect(v.stderr + v.stdout).toMatch(/reproduces all 20 steps exactly/);
    expect(v.status).toBe(0);
  });
});

describe('train --model mlp --pretrain rbm', () => {
  const mlp = ['train', '--model', 'mlp', '--data', data, '--hidden', '4,3', '--epochs', '2', '--json'];
  it('pre-trains every hidden layer, says so in the JSON, and keeps the output layer’s own initial weights', () => {
    const plain = runCli(mlp);
    const pre = runCli([...mlp, '--pretrain', 'rbm', '--pretrain-epochs', '3', '--k', '2']);
    expect(pre.status, pre.stderr).toBe(0);
    const a = JSON.parse(plain.stdout) as { initial: RbmJson['final']; pretraining: unknown };
    const b = JSON.parse(pre.stdout) as {
      initial: RbmJson['final'];
      pretraining: {
        method: string;
        k: number;
        epochs: number;
        layers: { layer: number; visible: number; hidden: number; history: unknown[] }[];
      };
    };
    expect(a.pretraining).toBeNull();
    expect(b.pretraining).toMatchObject({ method: 'rbm', rule: 'cd', k: 2, epochs: 3 });
    expect(b.pretraining.layers.map((l) => [l.layer, l.visible, l.hidden, l.history.length])).toEqual([
      [1, 6, 4, 3],
      [2, 4, 3, 3],
    ]);
    expect(b.initial.layers[0]).not.toEqual(a.initial.layers[0]);
    expect(b.initial.layers[1]).not.toEqual(a.initial.layers[1]);
    expect(b.initial.layers[2]).toEqual(a.initial.layers[2]);
  });

  it('refuses pre-training options without --pretrain, and non-sigmoid hidden layers', () => {
    const r = runCli([...mlp, '--pretrain-epochs', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/apply with --pretrain rbm/);
    const t = runCli([...mlp, '--pretrain', 'rbm', '--activation', 'tanh']);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/needs sigmoid hidden layers/);
  });

  it('--help names the new options', () => {
    const h = runCli(['train', '--help']);
    for (const flag of ['--k <n>', '--target', '--features', '--pretrain <method>', '--pretrain-epochs']) {
      expect(h.stdout).toContain(flag);
    }
  });
});
