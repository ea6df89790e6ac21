/**
 * `perceptron-sim train`, run as a user runs it (the built program, spawned).
 *
 * scikit-learn equality, end to end. Fixtures (committed with their scripts, CI needs no Python):
 * - test/fixtures/rules/perceptron-sklearn.json and mu-lms-sklearn.json, from
 *   `/usr/bin/python3 scripts/fixtures/rules_sklearn.py`: Perceptron(shuffle=False, tol=None,
 *   max_iter=k, eta0=η) and SGDRegressor(loss="squared_error", penalty=None,
 *   learning_rate="constant", eta0=2μ, shuffle=False, tol=None, max_iter=k), scikit-learn 1.2.1.
 * - test/fixtures/backprop/sklearn-mlp.json, from `/usr/bin/python3 scripts/fixtures/backprop_sklearn.py`:
 *   MLPRegressor / MLPClassifier(hidden_layer_sizes=(4,), solver="sgd", batch_size=1, momentum=0,
 *   nesterovs_momentum=False, alpha=0, shuffle=False) from stored initial weights.
 * Their data sets are written to temporary CSV files here.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

interface Layer {
  weights: number[][];
  bias: number[];
}
interface TrainJson {
  model: string;
  rule: string;
  config: Record<string, unknown>;
  classes: string[];
  initial: { layers: Layer[] };
  final: { layers: Layer[] };
  history: { epoch: number; errors: number | null; loss: number }[];
  timing: { trainMs: number; hardwareSeconds: number | null };
}

const load = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;

function writeCsv(dir: string, name: string, X: number[][], y: readonly (number | string)[]): string {
  const file = join(dir, name);
  writeFileSync(file, X.map((row, i) => [...row.map(String), String(y[i])].join(',')).join('\n') + '\n');
  return file;
}

function json(args: string[]): TrainJson {
  const r = runCli(['train', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as TrainJson;
}

function expectClose(
  ours: readonly number[],
  theirs: readonly number[],
  label: string,
  scaleTo?: number,
): void {
  const scale = scaleTo ?? Math.max(...theirs.map(Math.abs), Number.MIN_VALUE);
  expect(ours.length, label).toBe(theirs.length);
  ours.forEach((v, i) =>
    expect(Math.abs(v - theirs[i]), `${label}[${i}]: ${v} vs ${theirs[i]}`).toBeLessThanOrEqual(1e-9 * scale),
  );
}

const dir = tempDir('psim-train-');

describe('train reproduces scikit-learn end to end', () => {
  interface PCase {
    name: string;
    dataset: string;
    params: { eta0: number; max_iter: number };
    X: number[][];
    y: (number | string)[];
    classes: (number | string)[];
    coef: number[][];
    intercept: number[];
  }
  const pcases = load<{ cases: PCase[] }>('../fixtures/rules/perceptron-sklearn.json').cases.filter(
    (c) => c.params.max_iter === 7 && (c.params.eta0 === 0.1 || c.dataset === 'separable-2d'),
  );
  it('covers binary and one-vs-rest cases', () => {
    expect(pcases.some((c) => c.classes.length === 2)).toBe(true);
    expect(pcases.some((c) => c.classes.length > 2)).toBe(true);
  });
  for (const c of pcases) {
    it(`perceptron --rule fixed --tie error --no-shuffle: ${c.name}`, () => {
      const csv = writeCsv(dir, `${c.dataset}.csv`, c.X, c.y);
      const out = json([
        '--model',
        'perceptron',
        '--data',
        csv,
        '--rule',
        'fixed',
        '--tie',
        'error',
        '--no-shuffle',
        '--lr',
        String(c.params.eta0),
        '--epochs',
        String(c.params.max_iter),
      ]);
      expect(out.classes).toEqual(c.classes.map(String));
      const layer = out.final.layers[0];
      expect(layer.weights).toHaveLength(c.coef.length);
      c.coef.forEach((row, k) =>
        expectClose([...layer.weights[k], layer.bias[k]], [...row, c.intercept[k]], `unit ${k}`),
      );
      expect(out.history).toHaveLength(c.params.max_iter);
      expect(out.config).toMatchObject({ rule: 'fixed', tie: 'error', shuffle: false, engine: 'dense' });
    });
  }

  interface LCase {
    name: string;
    dataset: string;
    params: { max_iter: number };
    mu: number;
    traceR: number;
    X: number[][];
    y: number[];
    coef: number[];
    intercept: number;
  }
  const lcases = load<{ cases: LCase[] }>('../fixtures/rules/mu-lms-sklearn.json').cases.filter(
    (c) => c.params.max_iter === 20,
  );
  for (const c of lcases.filter((_, i) => i % 2 === 1 || i === 0)) {
    it(`adaline --rule mu-lms --lr μ --no-shuffle: ${c.name}`, () => {
      const csv = writeCsv(dir, `${c.dataset}.csv`, c.X, c.y);
      const out = json([
        '--model',
        'adaline',
        '--data',
        csv,
        '--rule',
        'mu-lms',
        '--lr',
        String(c.mu),
        '--no-shuffle',
        '--epochs',
        String(c.params.max_iter),
      ]);
      const layer = out.final.layers[0];
      expectClose([...layer.weights[0], layer.bias[0]], [...c.coef, c.intercept], c.name);
      expect(out.config.traceR as number).toBeCloseTo(c.traceR, 12);
      expect(out.classes).toEqual([]);
    });
  }

  interface MCase {
    name: string;
    params: { learning_rate_init: number; hidden_layer_sizes: number[] };
    hiddenActivation: string;
    X: number[][];
    y: number[][];
    initial: { layers: Layer[] };
    epochs: { epoch: number; weights: { layers: Layer[] } }[];
    lossCurve: number[];
  }
  const mcases = load<{ cases: MCase[] }>('../fixtures/backprop/sklearn-mlp.json').cases;
  const mlpArgs = (c: MCase, csv: string, init: string) => [
    '--model',
    'mlp',
    '--data',
    csv,
    '--init',
    init,
    '--no-shuffle',
    '--batch',
    '1',
    '--momentum',
    '0',
    '--hidden',
    c.params.hidden_layer_sizes.join(','),
    '--activation',
    c.hiddenActivation,
    '--lr',
    String(c.params.learning_rate_init),
    '--epochs',
    '3',
  ];
  const expectLayers = (ours: { layers: Layer[] }, theirs: { layers: Layer[] }) => {
    theirs.layers.forEach((L, l) => {
      L.weights.forEach((row, u) => expectClose(ours.layers[l].weights[u], row, `layer ${l} unit ${u}`));
      expectClose(ours.layers[l].bias, L.bias, `layer ${l} bias`);
    });
  };
  /** A fixture case's initial weights and single-target data, written as files for the CLI. */
  const caseFiles = (name: string) => {
    const c = mcases.find((m) => m.name === name)!;
    const init = join(dir, `${name}.init.json`);
    writeFileSync(init, JSON.stringify(c.initial));
    const csv = writeCsv(
      dir,
      `${name}.csv`,
      c.X,
      c.y.map((t) => t[0]),
    );
    return { c, init, csv };
  };
  for (const name of ['regressor-a-tanh', 'regressor-a-relu']) {
    it(`mlp --init --no-shuffle --batch 1 --momentum 0 = MLPRegressor: ${name}`, () => {
      const { c, init, csv } = caseFiles(name);
      expect(c.y[0]).toHaveLength(1);
      const out = json([...mlpArgs(c, csv, init), '--output', 'identity', '--loss', 'mse']);
      expectLayers(out.final, c.epochs[2].weights);
      expect(out.initial).toEqual(c.initial);
    });
  }
  it('mlp --loss xent --output sigmoid = MLPClassifier (binary, one logistic unit): classifier-binary-logistic', () => {
    const { c, init, csv } = caseFiles('classifier-binary-logistic');
    const out = json([...mlpArgs(c, csv, init), '--output', 'sigmoid', '--loss', 'xent']);
    expect(out.classes).toEqual(['0', '1']);
    expect(out.final.layers[1].weights).toHaveLength(1);
    expectLayers(out.final, c.epochs[2].weights);
  });
  it("mlp --evaluation running: the epoch losses are MLPClassifier's loss_curve_, the weights unchanged", () => {
    const { c, init, csv } = caseFiles('classifier-binary-relu');
    const args = [
      ...mlpArgs(c, csv, init),
      '--output',
      'sigmoid',
      '--loss',
      'xent',
      '--evaluation',
      'running',
    ];
    const out = json(args);
    expect(out.config.training).toMatchObject({ evaluation: 'running' });
    expectLayers(out.final, c.epochs[2].weights);
    expect(out.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expectClose(
      out.history.map((h) => h.loss),
      c.lossCurve,
      'loss_curve_',
    );
    const r = runCli(['train', ...args]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/final accuracy during the last epoch: /);
    // No epoch trained: nothing recorded, and said so.
    const noEpochs = args.map((a, k) => (args[k - 1] === '--epochs' ? '0' : a));
    const none = runCli(['train', ...noEpochs]);
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/final: no epoch completed, so none recorded/);
    expect(json(noEpochs).history).toEqual([]);
  });
});

describe('train: output, weights files, engines', () => {
  const xor = writeCsv(
    dir,
    'and.csv',
    [
      [-1, -1],
      [-1, 1],
      [1, -1],
      [1, 1],
    ],
    ['no', 'no', 'no', 'yes'],
  );

  it('prints a readable summary without --json', () => {
    const r = runCli(['train', '--model', 'perceptron', '--data', xor, '--epochs', '5']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/epoch\s+errors/);
    expect(r.stdout).toMatch(/final accuracy: 100 %/);
    expect(r.stdout).toMatch(/ms wall/);
  });

  it('--save writes {layers, predict}, --init reads it back', () => {
    const save = join(dir, 'saved.json');
    const first = json([
      '--model',
      'perceptron',
      '--data',
      xor,
      '--epochs',
      '3',
      '--seed',
      '4',
      '--save',
      save,
    ]);
    // The layers, and what `predict` needs (test/cli/predict.test.ts); --init reads the layers.
    const saved = JSON.parse(readFileSync(save, 'utf8')) as { layers: Layer[]; predict: unknown };
    expect(saved.layers).toEqual(first.final.layers);
    expect(Object.keys(saved)).toEqual(['layers', 'predict']);
    const second = json(['--model', 'perceptron', '--data', xor, '--epochs', '0', '--init', save]);
    expect(second.initial).toEqual({ layers: saved.layers });
    expect(second.final).toEqual({ layers: saved.layers });
    expect(second.config.init).toBe(save);
  });

  it('--engine event gives the dense result and reports hardware time', () => {
    const args = [
      '--model',
      'madaline',
      '--data',
      xor,
      '--rule',
      'mri',
      '--hidden',
      '2',
      '--element',
      'and',
      '--epochs',
      '4',
    ];
    const dense = json(args);
    const event = json([...args, '--engine', 'event']);
    expect(event.final).toEqual(dense.final);
    expect(event.history).toEqual(dense.history);
    expect(event.timing.hardwareSeconds).toBeGreaterThan(0);
    expect(dense.timing.hardwareSeconds).toBeNull();
  });

  it('mark1 records its plugboard in config and the A→R layer in layers', () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: 16 }, (_, j) => ((i * 7 + j * 3) % 5 < 2 ? 1 : 0)),
    );
    const csv = writeCsv(dir, 'retina.csv', rows, ['a', 'b', 'c', 'a', 'b', 'c']);
    const out = json([
      '--model',
      'mark1',
      '--data',
      csv,
      '--a-units',
      '20',
      '--excitatory',
      '3',
      '--inhibitory',
      '1',
      '--theta',
      '1',
      '--epochs',
      '2',
    ]);
    expect(out.final.layers[0].weights).toHaveLength(3);
    expect(out.final.layers[0].weights[0]).toHaveLength(20);
    expect((out.config.plugboard as { excitatory: number[][] }).excitatory).toHaveLength(20);
    expect(out.config.structure).toMatchObject({ retinaWidth: 4, retinaHeight: 4, aUnits: 20, theta: 1 });
  });

  it('the JSON has exactly the documented keys', () => {
    const out = json(['--model', 'perceptron', '--data', xor, '--epochs', '1']) as unknown;
    expect(Object.keys(out as object)).toEqual([
      'model',
      'rule',
      'config',
      'classes',
      'initial',
      'final',
      'history',
      'result',
      'timing',
    ]);
  });
});

describe('train: bad input exits 2 with a clear message, no stack, nothing written', () => {
  const good = writeCsv(
    dir,
    'good.csv',
    [
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    [0, 1, 1],
  );
  function bad(args: string[], message: RegExp, options: { save?: boolean } = {}): void {
    const out = tempDir('psim-bad-');
    const save = join(out, 'w.json');
    const r = runCli(['train', ...args, ...(options.save === false ? [] : ['--save', save])]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(existsSync(save)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  }
  const csv = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('ragged CSV (row and column named)', () =>
    bad(
      ['--model', 'perceptron', '--data', csv('ragged.csv', '1,2,0\n3,4,1\n5,1\n')],
      /ragged\.csv: row 3, column 3: missing cell/,
    ));
  it('non-numeric feature', () =>
    bad(
      ['--model', 'perceptron', '--data', csv('text.csv', '1,2,0\n3,x,1\n')],
      /row 2, column 2: expected a number, found "x"/,
    ));
  it('fewer than two classes', () =>
    bad(['--model', 'perceptron', '--data', csv('one.csv', '1,2,a\n3,4,a\n')], /at least two classes/));
  it('empty file', () =>
    bad(['--model', 'perceptron', '--data', csv('empty.csv', '')], /empty\.csv: .*the file is empty/));
  it('NaN', () =>
    bad(
      ['--model', 'adaline', '--data', csv('nan.csv', '1,2,0.5\nNaN,4,1\n')],
      /row 2, column 1: "NaN" is not allowed/,
    ));
  it('NaN target of a regression', () =>
    bad(['--model', 'adaline', '--data', csv('nant.csv', '1,2,0.5\n3,4,nan\n')], /row 2, column 3: target/));
  it('missing file', () =>
    bad(['--model', 'perceptron', '--data', join(dir, 'nope.csv')], /nope\.csv: no such file/));
  it('unknown model, with the nearest name', () =>
    bad(
      ['--model', 'perceptorn', '--data', good],
      /unknown model 'perceptorn' \(did you mean 'perceptron'\?\)/,
    ));
  it('unknown rule, with the nearest name', () =>
    bad(
      ['--model', 'adaline', '--data', good, '--rule', 'alpha-lsm'],
      /unknown rule 'alpha-lsm' \(did you mean 'alpha-lms'\?\)/,
    ));
  it('a rule that does not fit the model', () =>
    bad(
      ['--model', 'perceptron', '--data', good, '--rule', 'mu-lms'],
      /rule 'mu-lms' does not fit model 'perceptron'.*fixed, absolute/,
    ));
  it('α-LMS outside 0 < α < 2 is refused with the range', () =>
    bad(
      ['--model', 'adaline', '--data', good, '--rule', 'alpha-lms', '--lr', '2.5'],
      /α = 2\.5 is outside the stable range 0 < α < 2/,
    ));
  it('a negative perceptron η', () =>
    bad(['--model', 'perceptron', '--data', good, '--lr', '-1'], /must be > 0/));
  it('an unknown --tie', () =>
    bad(['--model', 'perceptron', '--data', good, '--tie', 'zero'], /--tie: unknown value 'zero'/));
  it('--tie error on the ADALINE quantizer', () =>
    bad(
      ['--model', 'adaline', '--data', good, '--tie', 'error'],
      /tie 'error' applies to the perceptron rules/,
    ));
  it('mlp options on a machine, and machine options on the mlp', () => {
    bad(
      ['--model', 'perceptron', '--data', good, '--momentum', '0.9'],
      /--momentum: applies only to --model mlp/,
    );
    bad(['--model', 'mlp', '--data', good, '--rule', 'fixed'], /--rule: applies to the historical machines/);
    bad(
      ['--model', 'perceptron', '--data', good, '--evaluation', 'running'],
      /--evaluation: applies only to --model mlp/,
    );
  });
  it('an unknown mlp --evaluation', () =>
    bad(['--model', 'mlp', '--data', good, '--evaluation', 'never'], /--evaluation: unknown value 'never'/));
  it('machine --init with the wrong shape names layer, expected and got', () => {
    const init = join(dir, 'bad-init.json');
    writeFileSync(init, JSON.stringify({ layers: [{ weights: [[0, 0, 0]], bias: [0] }] }));
    bad(
      ['--model', 'perceptron', '--data', good, '--init', init],
      /bad-init\.json: layer 1 weights: expected 1 × 2 \(units × inputs\), got row 1 with 3 entries/,
    );
  });
  it('--init that is not JSON', () => {
    const init = join(dir, 'broken.json');
    writeFileSync(init, '{"layers": [');
    bad(['--model', 'perceptron', '--data', good, '--init', init], /broken\.json: not valid JSON at line 1/);
  });

  it('μ-LMS above 1/trace R warns on stderr and trains', () => {
    const r = runCli([
      'train',
      '--model',
      'adaline',
      '--data',
      good,
      '--rule',
      'mu-lms',
      '--lr',
      '0.5',
      '--epochs',
      '1',
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: μ = 0\.5 is at or above 1\/trace R = 0\.428571/);
    expect(JSON.parse(r.stdout).config.muBound).toBeCloseTo(3 / 7, 12);
  });

  it('mlp: unknown activation', () =>
    bad(['--model', 'mlp', '--data', good, '--activation', 'relu6'], /unknown activation "relu6"/));
  it('mlp: malformed --hidden', () =>
    bad(
      ['--model', 'mlp', '--data', good, '--hidden', '8,x'],
      /--hidden: entry 2 \('x'\) is not a whole number ≥ 1/,
    ));
  it('mlp: --init shapes that do not match', () => {
    const init = join(dir, 'mlp-bad.json');
    writeFileSync(
      init,
      JSON.stringify({
        layers: [
          { weights: [[0, 0]], bias: [0] },
          { weights: [[0]], bias: [0] },
        ],
      }),
    );
    bad(
      ['--model', 'mlp', '--data', good, '--hidden', '3', '--init', init],
      /mlp-bad\.json: layers\[0\]\.weights: expected 3×2/,
    );
  });
  it('mlp: the loss becoming NaN or ∞ stops with the epoch, the layer and advice', () => {
    const big = csv('big.csv', '1000,-2000,5000\n-3000,1000,-4000\n2000,3000,1000\n');
    bad(
      [
        '--model',
        'mlp',
        '--data',
        big,
        '--output',
        'identity',
        '--activation',
        'identity',
        '--lr',
        '10',
        '--epochs',
        '50',
      ],
      /training diverged in epoch \d+: the loss became (NaN|Infinity).*layer[\s\S]*lower the learning rate/,
    );
  });
});
