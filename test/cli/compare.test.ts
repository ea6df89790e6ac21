import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

interface Row {
  name: string;
  kind: string;
  trainAccuracy: number;
  testAccuracy: number;
  presentationsToCriterion: number | null;
  parameters: number;
  hardwareSeconds: number | null;
  wallSeconds: number;
}

function compare(args: string[]): {
  rows: Row[];
  config: Record<string, unknown>;
  series: Record<string, { y: number[] }>;
} {
  const r = runCli(['compare', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('compare', () => {
  const args = ['mark1-left-right', '--activations', 'relu,tanh', '--epochs', '8', '--hidden', '16'];

  it('trains the Mark I and one MLP per activation on the same data, side by side', () => {
    const out = compare(args);
    expect(out.rows.map((r) => r.name)).toEqual(['mark1', 'mlp-relu', 'mlp-tanh']);
    const [mark1, relu] = out.rows;
    expect(mark1.kind).toBe('machine');
    expect(mark1.hardwareSeconds).toBeGreaterThan(0);
    expect(relu.hardwareSeconds).toBeNull();
    // 400 inputs → 16 hidden → 1 logistic output: 400·16 + 16 + 16 + 1 parameters.
    expect(relu.parameters).toBe(400 * 16 + 16 + 16 + 1);
    for (const r of out.rows) {
      expect(r.trainAccuracy).toBeGreaterThanOrEqual(0);
      expect(r.trainAccuracy).toBeLessThanOrEqual(1);
      // The criterion is an error-free epoch: its presentations are a whole number of epochs.
      if (r.presentationsToCriterion !== null) {
        expect(r.presentationsToCriterion % (out.config.trainPatterns as number)).toBe(0);
        expect(r.trainAccuracy).toBe(1);
      }
      expect(out.series[r.name].y.length).toBeGreaterThan(0);
    }
  });

  it('gives the same numbers for the same seed, and different data for another seed', () => {
    const strip = (o: ReturnType<typeof compare>) => o.rows.map(({ wallSeconds: _w, ...rest }) => rest);
    const a = compare(args);
    expect(strip(compare(args))).toEqual(strip(a));
    expect(strip(compare([...args, '--seed', '2']))).not.toEqual(strip(a));
  });

  it('refuses unknown experiments, experiments without a task, and bad activations', () => {
    const unknown = runCli(['compare', 'mark1-leters']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown experiment 'mark1-leters' \(did you mean 'mark1-letters'\?\)/);
    const noTask = runCli(['compare', 'xor-perceptron']);
    expect(noTask.status).toBe(2);
    expect(noTask.stderr).toMatch(/has no comparison task.*compare works with: .*mark1-letters/);
    const badAct = runCli(['compare', 'mark1-letters', '--activations', 'relu,swish']);
    expect(badAct.status).toBe(2);
    expect(badAct.stderr).toMatch(/swish/);
    const badSet = runCli(['compare', 'mark1-letters', '--set', 'letterz=AB']);
    expect(badSet.status).toBe(2);
    expect(badSet.stderr).toMatch(/no parameter 'letterz'.*valid keys/);
  });
});

describe('compare counts epochs alike for every learner', () => {
  it('no learner exceeds --epochs; presentations to criterion are trained epochs × patterns', () => {
    const r = runCli(['compare', 'mark1-left-right', '--epochs', '3', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      config: { trainPatterns: number };
      rows: Array<{ name: string; epochs: number; presentationsToCriterion: number | null }>;
      series: Record<string, { x: number[] }>;
    };
    const n = report.config.trainPatterns;
    for (const row of report.rows) {
      expect(row.epochs, row.name).toBeGreaterThanOrEqual(1);
      expect(row.epochs, row.name).toBeLessThanOrEqual(3);
      // Training stops at the criterion, so it is reached in the last epoch counted.
      if (row.presentationsToCriterion !== null)
        expect(row.presentationsToCriterion, row.name).toBe(row.epochs * n);
      expect(report.series[row.name].x, row.name).toEqual(
        Array.from({ length: row.epochs }, (_, k) => k + 1),
      );
    }
    const human = runCli(['compare', 'mark1-left-right', '--epochs', '3']).stdout;
    expect(human).toMatch(/at most 3 epochs per learner/);
    expect(human).not.toMatch(/ epochs=\d/);
  });
});

describe('compare and run on the same Mark I', () => {
  // Small letters and shapes tasks: the machine compare trains is the machine run trains (the
  // experiment's A-units, wiring and plugboard, the same forks of the seed, the experiment's epochs).
  const cases: { id: string; set: string[]; test: string; train?: string }[] = [
    {
      id: 'mark1-letters',
      set: [
        'letters=ABC',
        'trainPerLetter=12',
        'testPerLetter=10',
        'epochs=4',
        'efMachines=1',
        'efTestPerLetter=4',
      ],
      test: 'testAccuracy',
      train: 'trainAccuracy',
    },
    { id: 'mark1-shapes', set: ['trainPerShape=20', 'testPerShape=20', 'epochs=3'], test: 'testAccuracy' },
  ];
  for (const c of cases) {
    it(`${c.id}: the same accuracies and epochs from both commands`, () => {
      const setArgs = c.set.flatMap((kv) => ['--set', kv]);
      const ran = runCli(['run', c.id, '--seed', '2', ...setArgs, '--json']);
      expect(ran.status, ran.stderr).toBe(0);
      const value = (name: string) =>
        (JSON.parse(ran.stdout).results as { name: string; measured: number }[]).find((r) => r.name === name)!
          .measured;
      const out = compare([c.id, '--seed', '2', ...setArgs, '--activations', 'relu', '--hidden', '4']);
      const mark1 = out.rows.find((r) => r.kind === 'machine')!;
      expect(Math.round(10000 * mark1.testAccuracy) / 100).toBe(value(c.test));
      if (c.train) expect(Math.round(10000 * mark1.trainAccuracy) / 100).toBe(value(c.train));
      // The cap is the experiment's own epochs when --epochs is not given.
      expect(out.config.epochs).toBe(Number(c.set.find((kv) => kv.startsWith('epochs='))!.split('=')[1]));
    });
  }
});
