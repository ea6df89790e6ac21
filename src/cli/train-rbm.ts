/**
 * `train --model rbm` (an unsupervised RBM on every CSV column) and `train --model mlp --pretrain
 * rbm` (greedy layer-wise pre-training of the MLP's hidden layers before backprop). See
 * docs/train.md and docs/rbm.md. The library does the work (src/rbm/); this file parses, checks the
 * data against [0, 1] with its row and column, records the trace and shapes the output.
 */
import type { Mlp } from '../backprop/index.js';
import type { CsvGrid } from '../data/csv.js';
import { readCsvGrid } from '../data/csv-file.js';
import { UserError } from '../errors.js';
import {
  RBM_DEFAULTS,
  RBM_RULES,
  RbmScratch,
  createRbm,
  measureRbm,
  rbmFromJson,
  rbmToJson,
  rbmTransform,
  reconstructionError,
  trainRbmAsync,
  trainStack,
  unrollIntoMlp,
} from '../rbm/index.js';
import type { RbmEpochRecord, RbmJson, RbmParams, RbmRule } from '../rbm/index.js';
import { formatNumber } from '../report/table.js';
import { RNG_ALGORITHM, Rng } from '../rng.js';
import type { TraceWeights } from '../trace/format.js';
import type { TraceHeaderInput, TraceChangeInput } from '../trace/writer.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { oneOf, parseNumber } from './options.js';
import type { StepHooks } from './trace-session.js';
import { NO_HOOKS } from './trace-session.js';

/** Defaults of `train --model rbm`: scikit-learn's BernoulliRBM sizes, CD-1 (Hinton 2002, 2006). */
export const RBM_CLI_DEFAULTS = {
  hidden: 256,
  ...RBM_DEFAULTS,
  pretrainEpochs: 10,
  pretrainLearningRate: 0.1,
};

/** The options of `train` that the RBM paths read. */
export interface RbmCliOptions {
  data: string;
  hidden?: string;
  rule?: string;
  k?: number;
  lr?: string;
  epochs?: number;
  batch?: number;
  momentum?: number;
  l2?: number;
  shuffle?: boolean;
  seed?: number;
  target?: string;
  features?: string;
  init?: string;
  pretrain?: string;
  pretrainEpochs?: number;
  pretrainLr?: string;
}

export function parseRbmRule(text: string | undefined): RbmRule {
  return text === undefined ? RBM_CLI_DEFAULTS.rule : oneOf(text, RBM_RULES, '--rule');
}

/** `--hidden N` for an RBM: one layer. */
export function parseRbmHidden(text: string | undefined): number {
  if (text === undefined) return RBM_CLI_DEFAULTS.hidden;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new UserError(
      `--hidden: an RBM has one hidden layer; give its size, e.g. --hidden 64, got '${text}'`,
    );
  }
  return Number(text);
}

/** Refuse a value outside [0, 1] with the file, row and column where it is. */
export function checkUnitInterval(grid: CsvGrid): void {
  grid.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!(v >= 0 && v <= 1)) {
        throw new UserError(
          `${grid.file}: row ${grid.rowNumbers[r]}, column ${grid.columnNumbers[c]}: ${v} is outside [0, 1]; ` +
            "an RBM's visible units are probabilities (scale the data, e.g. pixels / 255)",
        );
      }
    }),
  );
}

export async function loadRbmData(o: RbmCliOptions): Promise<CsvGrid> {
  const grid = await readCsvGrid(o.data, { leaveOut: o.target });
  checkUnitInterval(grid);
  return grid;
}

/** The RBM as trace weights: layer 0 the hidden units (W, c); layer 1 the visible biases b (no weights of its own: W is shared). */
export function rbmTraceWeights(p: RbmParams): TraceWeights {
  const j = rbmToJson(p);
  return { layers: [j.layers[0], { weights: j.visibleBias.map(() => []), bias: j.visibleBias }] };
}

/** Every parameter that differs from `prev` (which is then brought up to date), as trace changes. */
function changesSince(p: RbmParams, prev: RbmParams): TraceChangeInput[] {
  const out: TraceChangeInput[] = [];
  for (let j = 0; j < p.hidden; j++) {
    for (let i = 0; i < p.visible; i++) {
      const k = j * p.visible + i;
      if (!Object.is(p.W[k], prev.W[k])) out.push({ layer: 0, unit: j, input: i, after: p.W[k] });
    }
    if (!Object.is(p.c[j], prev.c[j])) out.push({ layer: 0, unit: j, input: -1, after: p.c[j] });
  }
  for (let i = 0; i < p.visible; i++) {
    if (!Object.is(p.b[i], prev.b[i])) out.push({ layer: 1, unit: i, input: -1, after: p.b[i] });
  }
  prev.W.set(p.W);
  prev.b.set(p.b);
  prev.c.set(p.c);
  return out;
}

export interface RbmRun {
  json: Record<string, unknown>;
  final: TraceWeights;
  saved: RbmJson;
  summary: string;
}

export async function trainRbmCommand(
  o: RbmCliOptions,
  grid: CsvGrid,
  initJson: unknown,
  cliForRerun: Record<string, unknown>,
  hooks: StepHooks = NO_HOOKS,
  openTrace: (header: TraceHeaderInput) => void = () => {},
): Promise<RbmRun> {
  const rule = parseRbmRule(o.rule);
  const seed = o.seed ?? 1;
  const visible = grid.columnNumbers.length;
  const hidden = initJson === undefined ? parseRbmHidden(o.hidden) : undefined;
  const root = Rng.fromSeed(seed);
  const p =
    initJson === undefined
      ? createRbm(visible, hidden!, root.fork('weights'))
      : rbmFromJson(initJson, o.init);
  if (p.visible !== visible) {
    throw new UserError(
      `${o.init}: the RBM has ${p.visible} visible units, ${o.data} has ${visible} input columns`,
    );
  }
  if (o.hidden !== undefined && initJson !== undefined && parseRbmHidden(o.hidden) !== p.hidden) {
    throw new UserError(`--hidden ${o.hidden} disagrees with ${o.init}, which has ${p.hidden} hidden units`);
  }
  const n = grid.rows.length;
  const data = new Float64Array(n * visible);
  grid.rows.forEach((r, q) => data.set(r, q * visible));
  const lr = o.lr === undefined ? RBM_CLI_DEFAULTS.learningRate : parseNumber(o.lr, '--lr');
  const options = {
    rule,
    k: o.k ?? RBM_CLI_DEFAULTS.k,
    learningRate: lr,
    epochs: o.epochs ?? RBM_CLI_DEFAULTS.epochs,
    batchSize: o.batch ?? RBM_CLI_DEFAULTS.batchSize,
    momentum: o.momentum ?? RBM_CLI_DEFAULTS.momentum,
    weightDecay: o.l2 ?? RBM_CLI_DEFAULTS.weightDecay,
    shuffle: o.shuffle ?? true,
  };
  const config = {
    model: 'rbm',
    data: grid.file,
    rows: n,
    visible,
    hidden: p.hidden,
    leftOut: grid.leftOut
      ? { column: grid.leftOut.column, name: grid.header?.[grid.leftOut.column - 1] ?? null }
      : null,
    ...options,
    learningRateScaling: 'divided by the batch size (scikit-learn)',
    negativeParticles: rule === 'pcd' ? `${options.batchSize} persistent chains` : 'the batch (CD)',
    init: o.init ?? `N(0, 0.01²) weights, zero biases`,
    seed,
    rng: RNG_ALGORITHM,
  };
  const initial = measureRbm(p, data, n, 0, root.fork('score-initial'));
  openTrace({
    command: process.argv.slice(2),
    kind: 'rbm',
    model: 'rbm',
    rule,
    config: { ...config, cli: cliForRerun },
    seed,
    circuitHash: null,
    initial: rbmTraceWeights(p),
    inputShape: null,
    patterns: n * visible <= 200_000 ? grid.rows : null,
  });
  const prev = { ...p, W: p.W.slice(), b: p.b.slice(), c: p.c.slice() };
  const scratch = new RbmScratch(p);
  const t0 = performance.now();
  const result = await trainRbmAsync(p, data, n, {
    ...options,
    rng: root.fork('gibbs'),
    orderRng: root.fork('order'),
    scoreRng: root.fork('score'),
    shouldStop: hooks.shouldStop,
    pause: hooks.pause,
    onStep: hooks.onStep
      ? (s) => {
          const batch = new Float64Array(s.patterns.length * visible);
          s.patterns.forEach((r, q) => batch.set(data.subarray(r * visible, (r + 1) * visible), q * visible));
          const err = reconstructionError(p, batch, s.patterns.length, scratch);
          hooks.onStep!({
            step: s.step,
            epoch: s.epoch,
            time: 0,
            pattern: s.patterns.length === 1 ? s.patterns[0] : s.patterns,
            sums: [],
            outputs: [],
            desired: [],
            errors: [],
            // The batch's mean reconstruction error after the step.
            loss: err.reduce((a, b) => a + b, 0) / s.patterns.length,
            changes: changesSince(p, prev),
          });
        }
      : undefined,
  });
  const trainMs = performance.now() - t0;
  const last: RbmEpochRecord = result.history.at(-1) ?? initial;
  if (o.features) {
    const f = rbmTransform(p, data, n);
    const head = Array.from({ length: p.hidden }, (_, j) => `h${j + 1}`);
    const left = grid.leftOut;
    const leftName = left ? (grid.header?.[left.column - 1] ?? `column${left.column}`) : '';
    const lines = [[...head, ...(left ? [csvCell(leftName)] : [])].join(',')];
    for (let q = 0; q < n; q++) {
      const cells = Array.from(f.subarray(q * p.hidden, (q + 1) * p.hidden), String);
      if (left) cells.push(csvCell(left.cells[q]));
      lines.push(cells.join(','));
    }
    writeFileAtomic(o.features, lines.join('\n') + '\n', 'features file');
  }
  const saved = rbmToJson(p);
  const json = {
    model: 'rbm',
    rule,
    config,
    initialFigures: initial,
    history: result.history.map((h) => ({
      epoch: h.epoch,
      reconstructionError: h.reconstructionError,
      pseudoLikelihood: h.pseudoLikelihood,
      freeEnergy: h.freeEnergy,
    })),
    finalFigures: {
      reconstructionError: last.reconstructionError,
      pseudoLikelihood: last.pseudoLikelihood,
      freeEnergy: last.freeEnergy,
      steps: result.steps,
    },
    final: saved,
    features: o.features ?? null,
    timing: { trainMs, hardwareSeconds: null },
  };
  const rows = result.history.map(
    (h) =>
      `  ${String(h.epoch).padStart(5)}  ${formatNumber(h.reconstructionError).padStart(12)}  ${formatNumber(h.pseudoLikelihood).padStart(12)}`,
  );
  const summary = [
    `rbm ${visible}-${p.hidden} (${rule === 'cd' ? `CD-${options.k}` : `PCD-${options.k}`}) on ${grid.file}: ${n} rows, ${options.epochs} epochs`,
    '',
    '  epoch  recon. error  pseudo-likelihood',
    `  ${'0'.padStart(5)}  ${formatNumber(initial.reconstructionError).padStart(12)}  ${formatNumber(initial.pseudoLikelihood).padStart(12)}`,
    ...rows,
    '',
    `training: ${formatNumber(trainMs)} ms wall, ${result.steps} updates`,
    ...(o.features ? [`hidden-unit probabilities written to ${o.features}`] : []),
  ].join('\n');
  return { json, final: rbmTraceWeights(p), saved, summary };
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** What `--pretrain rbm` did, for the JSON. */
export interface PretrainReport {
  method: 'rbm';
  rule: 'cd';
  k: number;
  learningRate: number;
  epochs: number;
  batchSize: number;
  layers: { layer: number; visible: number; hidden: number; history: RbmEpochRecord[] }[];
  notPretrained: string;
}

/**
 * Pre-train every hidden layer of `net` with an RBM (CD-k, bottom up), then copy the weights in.
 * `features` are the network's inputs, which must lie in [0, 1] (a message names the data row and
 * column otherwise).
 */
export function pretrainMlp(
  net: Mlp,
  features: readonly number[][],
  o: RbmCliOptions,
  file: string,
  rng: Rng,
): PretrainReport {
  const inputs = net.config.inputs;
  features.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!(v >= 0 && v <= 1)) {
        throw new UserError(
          `${file}: data row ${r + 1}, column ${c + 1}: ${v} is outside [0, 1]; --pretrain rbm needs inputs in [0, 1]`,
        );
      }
    }),
  );
  const n = features.length;
  const data = new Float64Array(n * inputs);
  features.forEach((r, q) => data.set(r, q * inputs));
  const settings = {
    rule: 'cd' as const,
    k: o.k ?? RBM_CLI_DEFAULTS.k,
    learningRate:
      o.pretrainLr === undefined
        ? RBM_CLI_DEFAULTS.pretrainLearningRate
        : parseNumber(o.pretrainLr, '--pretrain-lr'),
    epochs: o.pretrainEpochs ?? RBM_CLI_DEFAULTS.pretrainEpochs,
    batchSize: RBM_CLI_DEFAULTS.batchSize,
  };
  const hidden = net.config.hidden;
  const stack = trainStack(data, n, inputs, hidden, { ...settings, shuffle: true }, rng);
  unrollIntoMlp(net, stack.rbms);
  return {
    method: 'rbm',
    ...settings,
    layers: stack.rbms.map((r, l) => ({
      layer: l + 1,
      visible: r.visible,
      hidden: r.hidden,
      history: stack.results[l].history,
    })),
    notPretrained: 'the output layer (initialised by --weight-init, trained by backprop only)',
  };
}
