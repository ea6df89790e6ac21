/**
 * xor-width: presentations of XOR needed by backprop against the number of hidden units H.
 *
 * Source: Rumelhart, Hinton & Williams, PDP vol. 1 ch. 8, p.333 (REFERENCES.md §5, R12), reporting
 * Chauvin's runs: 2-H-1 sigmoid nets at η = 0.25 learnt XOR in about P = 280 − 33·log₂H
 * presentations of the set. The source gives η and the fitted line; it does not state the momentum,
 * the update schedule, the initial weights or the convergence criterion.
 *
 * Our set-up: 2-H-1 sigmoid units, E = ½Σ(y − d)², η = 0.25, momentum 0.9 (PDP8 p.330: "about 0.9"),
 * one update per pattern in a fixed order (the source counts presentations), weights and biases from
 * U[−0.3, 0.3], converged when every output is within 0.1 of its target (the criterion of the other
 * 1986 experiments). For each H we train `seeds` nets and take the median presentations over every
 * run, a run that never converged counting as `maxSweeps` (a censored median, DESIGN.md). Then a
 * least-squares line P = a + b·log₂H through the medians gives b (presentations saved per doubling
 * of H) and a (the intercept), the two numbers of the published line.
 *
 * What we found: the slope matches within the factor of 2 we allow (b ≈ −50 to −60 against −33),
 * the level does not: our counts are about 2–2.5× the published ones. The level depends on the
 * unstated momentum and criterion (without momentum the counts are about 20× higher), so the
 * intercept is declared `differs` with that reason; the slope is the verdict that can fail.
 */
import { UserError } from '../errors.js';
import { Rng } from '../rng.js';
import { Mlp, makeDataset, stopWhenWithin, train } from '../backprop/index.js';
import { quantile } from './lib/stats.js';
import type { Experiment, Series } from './types.js';

/** The four XOR patterns, 0/1 inputs and targets. */
const XOR_INPUTS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const XOR_TARGETS = [0, 1, 1, 0];

/** Every output within this distance of its 0/1 target (our choice, as the other 1986 experiments). */
export const XOR_WIDTH_TOLERANCE = 0.1;

/** PDP8 p.333: P = 280 − 33·log₂H. */
export const PUBLISHED_INTERCEPT = 280;
export const PUBLISHED_SLOPE = -33;

/** Median of every run, runs that did not converge counted at the cap (so the median is honest). */
export function censoredMedian(counts: readonly (number | null)[], cap: number): number {
  const all = counts.map((c) => (c === null ? cap : c)).sort((a, b) => a - b);
  return quantile(all, 0.5);
}

/** Least-squares line y = a + b·x. */
export function fitLine(x: readonly number[], y: readonly number[]): { a: number; b: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const b = sxx === 0 ? NaN : sxy / sxx;
  return { a: my - b * mx, b };
}

function parseWidths(text: string): number[] {
  const ws = text.split(',').map((s) => Number(s.trim()));
  // Validated here as well as by the caller's spec: the string kind cannot say "whole numbers ≥ 1".
  if (ws.length < 2 || ws.some((w) => !Number.isInteger(w) || w < 1 || w > 1024)) return [];
  return [...new Set(ws)].sort((a, b) => a - b);
}

export const xorWidth: Experiment = {
  id: 'xor-width',
  title: 'XOR by backprop: presentations against the number of hidden units',
  year: 1986,
  citation:
    'Rumelhart, Hinton & Williams, "Learning internal representations by error propagation", PDP vol. 1 ch. 8, p.333 (Chauvin’s runs)',
  question:
    'Do the presentations backprop needs to learn XOR fall by a fixed amount per doubling of the hidden units, P = 280 − 33·log₂H?',
  group: 'backprop',
  params: {
    widths: {
      kind: 'string',
      default: '2,4,8,16,32',
      doc: 'hidden-unit counts H, comma-separated whole numbers from 1 to 1024 (at least two)',
    },
    seeds: {
      kind: 'integer',
      default: 40,
      fast: 12,
      full: 200,
      min: 1,
      max: 1000,
      doc: 'training runs per width (run i of experiment seed s uses weight seed (s−1)·1000 + i)',
    },
    learningRate: { kind: 'number', default: 0.25, min: 1e-6, max: 100, doc: 'η (PDP8 p.333: 0.25)' },
    momentum: {
      kind: 'number',
      default: 0.9,
      min: 0,
      max: 0.999,
      doc: 'momentum α (assumption: the source does not state it; PDP8 p.330 uses "about 0.9")',
    },
    maxSweeps: {
      kind: 'integer',
      // About 3× the slowest median (H = 2, about 650): the censored median does not move as long
      // as fewer than half the runs hit the cap, and the few stuck runs no longer dominate the time.
      default: 2000,
      min: 1,
      doc: 'presentations after which a run counts as not converged (counted at this value in the median)',
    },
  },
  published: [
    {
      name: 'slopePerDoubling',
      description: 'presentations saved per doubling of H: b in the least-squares line P = a + b·log₂H',
      value: PUBLISHED_SLOPE,
      unit: 'presentations',
      source: 'PDP vol. 1 ch. 8 p.333 (REFERENCES.md §5, R12)',
      tolerance: { kind: 'range', min: PUBLISHED_SLOPE * 2, max: PUBLISHED_SLOPE / 2 },
      toleranceNote:
        'a factor of 2 either way, as for the other 1986 sweep counts: the source states η but not the momentum, schedule, initial weights or criterion; a slope of the wrong sign or near 0 (no effect of width) differs',
    },
    {
      name: 'intercept',
      description: 'a in the least-squares line P = a + b·log₂H (presentations at H = 1 on the line)',
      value: PUBLISHED_INTERCEPT,
      unit: 'presentations',
      source: 'PDP vol. 1 ch. 8 p.333 (REFERENCES.md §5, R12)',
      tolerance: { kind: 'range', min: PUBLISHED_INTERCEPT / 2, max: PUBLISHED_INTERCEPT * 2 },
      expect: 'differs',
      differsBecause:
        'the level of the line rests on what the source leaves unstated (momentum, criterion, initial weights): with our documented choices every width takes about 2–2.5× the published presentations, while the fall per doubling agrees',
    },
  ],
  run({ params, seed, progress }) {
    const widths = parseWidths(String(params.widths));
    if (widths.length < 2) {
      throw new UserError(
        `--set widths=${String(params.widths)}: expected at least two whole numbers from 1 to 1024, comma-separated`,
      );
    }
    const runs = params.seeds as number;
    const cap = params.maxSweeps as number;
    const data = makeDataset(XOR_INPUTS, XOR_TARGETS);
    const medians: number[] = [];
    const failed: number[] = [];
    let done = 0;
    for (const h of widths) {
      const counts: (number | null)[] = [];
      for (let i = 1; i <= runs; i++) {
        const net = Mlp.create(
          {
            inputs: 2,
            hidden: [h],
            outputs: 1,
            hiddenActivation: 'sigmoid',
            outputActivation: 'sigmoid',
            loss: 'squared',
            init: { name: 'uniform', range: 0.3 },
            biasInit: 'same',
          },
          Rng.fromSeed((seed - 1) * 1000 + i),
        );
        const r = train(net, data, {
          learningRate: params.learningRate as number,
          momentum: params.momentum as number,
          batchSize: 1,
          reduction: 'sum',
          maxEpochs: cap,
          diagnostics: false,
          stop: stopWhenWithin(XOR_WIDTH_TOLERANCE),
        });
        counts.push(r.stopped ? r.epochs : null);
        progress(++done / (runs * widths.length));
      }
      medians.push(censoredMedian(counts, cap));
      failed.push(counts.filter((c) => c === null).length);
    }
    const log2 = widths.map((h) => Math.log2(h));
    const { a, b } = fitLine(log2, medians);
    const extra: Record<string, number> = {};
    const descriptions: Record<string, string> = {};
    widths.forEach((h, i) => {
      extra[`medianH${h}`] = medians[i];
      descriptions[`medianH${h}`] =
        `median presentations at H = ${h} (published line: ${Math.round(PUBLISHED_INTERCEPT + PUBLISHED_SLOPE * Math.log2(h))})`;
      extra[`notConvergedH${h}`] = failed[i];
      descriptions[`notConvergedH${h}`] = `runs at H = ${h} that did not converge (counted at maxSweeps)`;
    });
    const series: Record<string, Series> = {
      medianPresentations: { x: log2, y: medians, xLabel: 'log₂ H', yLabel: 'median presentations (ours)' },
      publishedLine: {
        x: log2,
        y: log2.map((x) => PUBLISHED_INTERCEPT + PUBLISHED_SLOPE * x),
        xLabel: 'log₂ H',
        yLabel: 'presentations, 280 − 33·log₂H (PDP8 p.333)',
      },
    };
    return {
      values: { slopePerDoubling: b, intercept: a },
      extra,
      descriptions,
      units: { slopePerDoubling: 'presentations', intercept: 'presentations' },
      series,
      notes: [
        `2-H-1 sigmoid nets, E = ½Σ(y−d)², η = ${String(params.learningRate)}, momentum ${String(params.momentum)}, one update per pattern in a fixed order, U[−0.3, 0.3] weights and biases, converged when every output is within ${XOR_WIDTH_TOLERANCE} of its target; all but η are our choices (the source states only η and the fitted line)`,
        `${runs} runs per width; the median counts every run, a run that did not converge in ${cap} presentations counting as ${cap}`,
      ],
    };
  },
};
