/**
 * `perceptron-sim train`: train a historical machine (perceptron, mark1, adaline, madaline) or a
 * backprop MLP on a CSV file, and print the result (a summary, or one JSON object with `--json`).
 * See docs/train.md.
 *
 * Everything is validated before any work is done; `--save` is written only after training
 * succeeded, atomically. Bad input is a UserError (exit 2) from here or from the library.
 */
import type { Command } from 'commander';
import {
  EVALUATIONS,
  formatActivation,
  Mlp,
  makeDataset,
  parseActivation,
  parseBiasInit,
  parseInit,
  trainAsync as trainMlpAsync,
} from '../backprop/index.js';
import type { LossName, MlpSpec, WeightsJson as MlpWeightsJson } from '../backprop/index.js';
import { readCsv } from '../data/csv-file.js';
import type { CsvDataset } from '../data/csv.js';
import { createDenseMachine } from '../machines/create-dense.js';
import { UserError } from '../errors.js';
import { createEventMachine } from '../machines/index.js';
import {
  MODEL_RULES,
  DEFAULT_MU_FRACTION_OF_BOUND,
  RULE_NAMES,
  checkRuleFits,
  parseRuleName,
  resolveMachineOptions,
} from '../machines/options.js';
import type { MachineOptions, MadalineParams } from '../machines/options.js';
import { AR_WIRINGS } from '../machines/mark1-params.js';
import type { Mark1Structure } from '../machines/mark1-params.js';
import { fitMark1 } from '../machines/mark1-fit.js';
import { checkHeldOutOptions, holdOut, scoreTest } from './train-test.js';
import type { Scorer } from './train-test.js';
import { predictInfo } from './predict.js';
import { lossKind, trainMachineAsync } from '../machines/train.js';
import type { MachineEngine, MachineModel, WeightsJson } from '../machines/types.js';
import { MACHINE_MODELS } from '../machines/types.js';
import { lineChart } from '../report/charts.js';
import { stdoutStyle } from '../report/style.js';
import { formatNumber, renderTable } from '../report/table.js';
import { RNG_ALGORITHM, Rng } from '../rng.js';
import { muLmsBound, quantize, ZERO_SUM_CONVENTIONS } from '../rules/index.js';
import type { ZeroSumConvention } from '../rules/index.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { checkRunFiles } from '../util/run-files.js';
import { formatHardwareSeconds } from '../util/duration.js';
import { readJsonFile } from '../util/json-file.js';
import { didYouMean } from '../util/nearest.js';
import {
  collect,
  commaList,
  nonNegativeInteger,
  nonNegativeNumber,
  oneOf,
  parseNumber,
  positiveInteger,
  seedOption,
} from './options.js';
import { hashDescription } from '../trace/writer.js';
import type { TraceHeaderInput } from '../trace/writer.js';
import type { InputShape } from '../trace/format.js';
import { checkRecorded, registerRerun } from '../trace/verify.js';
import type { RecordedKind, RerunContext } from '../trace/verify.js';
import {
  NO_HOOKS,
  machineStepLoss,
  mlpTraceStep,
  rerunHooks,
  rerunQuietly,
  signOption,
  withTrace,
} from './trace-session.js';
import type { StepHooks } from './trace-session.js';
import {
  RBM_CLI_DEFAULTS,
  loadRbmData,
  parseRbmHidden,
  parseRbmRule,
  pretrainMlp,
  trainRbmCommand,
} from './train-rbm.js';
import type { PretrainReport } from './train-rbm.js';
import { resolve as resolvePath } from 'node:path';
import { terminalSafe, terminalSafeLine } from '../util/terminal-text.js';

export const TRAIN_MODELS = [...MACHINE_MODELS, 'mlp', 'rbm'] as const;
export type TrainModel = (typeof TRAIN_MODELS)[number];

/** Defaults of the command (recorded in `config`). */
export const TRAIN_DEFAULTS = {
  machineEpochs: 10,
  mlpEpochs: 100,
  seed: 1,
  engine: 'dense' as const,
  mlpLearningRate: 0.1,
  mlpHidden: [8],
  mlpBatch: 1,
  mlpMomentum: 0,
  mlpL2: 0,
};

const MLP_LOSSES = { mse: 'squared', xent: 'cross-entropy' } as const satisfies Record<string, LossName>;
const MLP_OUTPUTS = ['sigmoid', 'softmax', 'identity'] as const;
const ENGINES = ['dense', 'event'] as const;

interface TrainCliOptions {
  model: string;
  data: string;
  trace?: string;
  sign?: string;
  rule?: string;
  lr?: string;
  epochs?: number;
  shuffle?: boolean;
  seed?: number;
  tie?: string;
  engine?: string;
  init?: string;
  save?: string;
  json?: boolean;
  // mlp
  hidden?: string;
  activation?: string[];
  weightInit?: string;
  biasInit?: string;
  loss?: string;
  output?: string;
  batch?: number;
  momentum?: number;
  l2?: number;
  evaluation?: string;
  // machines
  element?: string;
  correction?: string;
  aUnits?: number;
  maxFanOut?: number;
  theta?: string;
  excitatory?: number;
  inhibitory?: number;
  rBias?: boolean;
  arWiring?: string;
  retina?: string;
  // rbm, and mlp --pretrain rbm
  k?: number;
  target?: string;
  ignore?: string[];
  delimiter?: string;
  features?: string;
  pretrain?: string;
  pretrainEpochs?: number;
  pretrainLr?: string;
  // held-out test rows (cli/train-test.ts)
  test?: string;
  testSplit?: string;
}

const MLP_ONLY = [
  'activation',
  'weightInit',
  'biasInit',
  'loss',
  'output',
  'batch',
  'momentum',
  'l2',
  'evaluation',
] as const;
const MACHINE_ONLY = [
  'rule',
  'tie',
  'engine',
  'element',
  'correction',
  'aUnits',
  'maxFanOut',
  'theta',
  'excitatory',
  'inhibitory',
  'rBias',
  'arWiring',
  'retina',
] as const;
const FLAG: Record<string, string> = {
  activation: '--activation',
  weightInit: '--weight-init',
  biasInit: '--bias-init',
  loss: '--loss',
  output: '--output',
  batch: '--batch',
  momentum: '--momentum',
  l2: '--l2',
  evaluation: '--evaluation',
  rule: '--rule',
  tie: '--tie',
  engine: '--engine',
  element: '--element',
  correction: '--correction',
  aUnits: '--a-units',
  maxFanOut: '--max-fan-out',
  theta: '--theta',
  excitatory: '--excitatory',
  inhibitory: '--inhibitory',
  rBias: '--r-bias',
  arWiring: '--ar-wiring',
  retina: '--retina',
  k: '--k',
  target: '--target',
  features: '--features',
  pretrain: '--pretrain',
  pretrainEpochs: '--pretrain-epochs',
  pretrainLr: '--pretrain-lr',
};
/** Options of the RBM model only, and of the MLP's pre-training only. */
const RBM_ONLY = ['features'] as const;
const PRETRAIN_ONLY = ['pretrain', 'pretrainEpochs', 'pretrainLr'] as const;
/** What `--model rbm` reads besides the common options (data, lr, epochs, shuffle, seed, init, save, json, trace). */
const RBM_READS = new Set(['hidden', 'rule', 'k', 'batch', 'momentum', 'l2', 'target', 'features']);

/** `--hidden 8,4` → [8, 4]; every entry a whole number ≥ 1. */
export function parseHidden(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (text.trim() === '' || parts.length === 0) {
    throw new UserError(`--hidden expects layer sizes like 8 or 8,4, got '${text}'`);
  }
  return parts.map((p, i) => {
    if (!/^\d+$/.test(p) || Number(p) < 1 || !Number.isSafeInteger(Number(p))) {
      throw new UserError(
        `--hidden: entry ${i + 1} ('${p}') is not a whole number ≥ 1; expected layer sizes like 8 or 8,4, got '${text}'`,
      );
    }
    return Number(p);
  });
}

function parseModel(text: string): TrainModel {
  if ((TRAIN_MODELS as readonly string[]).includes(text)) return text as TrainModel;
  throw new UserError(
    `unknown model '${text}'${didYouMean(text, TRAIN_MODELS)}; expected one of ${TRAIN_MODELS.join(', ')}`,
  );
}

/** Refuse options that belong to the other kind of model, so nothing is silently ignored. */
function checkApplicable(cmd: Command, model: TrainModel): void {
  const given = (k: string) => cmd.getOptionValueSource(k) === 'cli';
  const extra = [...RBM_ONLY, ...PRETRAIN_ONLY, 'k'];
  if (model === 'rbm') {
    if (given('test') || given('testSplit'))
      throw new UserError('--test and --test-split apply to the supervised models, not to --model rbm');
    if (given('delimiter') || (cmd.getOptionValue('ignore') as string[]).length > 0)
      throw new UserError(
        '--delimiter and --ignore apply to the supervised models (the rbm reads plain comma-separated numbers)',
      );
    const wrong = [...MLP_ONLY, ...MACHINE_ONLY, ...PRETRAIN_ONLY].filter(
      (k) => given(k) && !RBM_READS.has(k),
    );
    if (wrong.length > 0) {
      throw new UserError(
        `${wrong.map((k) => FLAG[k]).join(', ')}: ${wrong.length === 1 ? 'does' : 'do'} not apply to --model rbm`,
      );
    }
    return;
  }
  const foreign = extra.filter(
    (k) => given(k) && !(model === 'mlp' && ((PRETRAIN_ONLY as readonly string[]).includes(k) || k === 'k')),
  );
  if (foreign.length > 0) {
    const flags = foreign.map((k) => FLAG[k]).join(', ');
    throw new UserError(
      model === 'mlp'
        ? `${flags}: ${foreign.length === 1 ? 'applies' : 'apply'} only to --model rbm`
        : `${flags}: ${foreign.length === 1 ? 'applies' : 'apply'} to --model rbm (and --pretrain to mlp)`,
    );
  }
  if (model === 'mlp' && o_pretrainMissing(cmd)) {
    throw new UserError('--pretrain-epochs, --pretrain-lr and --k apply with --pretrain rbm');
  }
  const wrong = model === 'mlp' ? MACHINE_ONLY.filter(given) : (MLP_ONLY as readonly string[]).filter(given);
  if (wrong.length > 0) {
    const flags = wrong.map((k) => FLAG[k]).join(', ');
    throw new UserError(
      model === 'mlp'
        ? `${flags}: ${wrong.length === 1 ? 'applies' : 'apply'} to the historical machines, not to --model mlp (which learns by backprop)`
        : `${flags}: ${wrong.length === 1 ? 'applies' : 'apply'} only to --model mlp`,
    );
  }
}

/** Pre-training settings given without `--pretrain rbm`. */
function o_pretrainMissing(cmd: Command): boolean {
  const given = (k: string) => cmd.getOptionValueSource(k) === 'cli';
  return !given('pretrain') && (given('pretrainEpochs') || given('pretrainLr') || given('k'));
}

/** The readable summary on stdout: epochs (or a learning curve), final accuracy, timing. */
function printSummary(out: {
  title: string;
  history: { epoch: number; errors: number | null; loss: number }[];
  lossName: string;
  rows: number;
  result: string;
  trainMs: number;
  hardwareSeconds: number | null;
  saved?: string;
  columns?: string;
}): void {
  // Title and result may quote the data file (class labels from a CSV): no terminal escapes.
  const lines: string[] = [
    stdoutStyle.bold(terminalSafeLine(out.title)),
    ...(out.columns ? [terminalSafeLine(out.columns)] : []),
    '',
  ];
  const h = out.history;
  const row = (r: (typeof h)[number]) => [
    String(r.epoch),
    r.errors === null ? '-' : String(r.errors),
    formatNumber(r.loss),
  ];
  if (h.length <= 20) {
    lines.push(renderTable(['epoch', 'errors', out.lossName], h.map(row)).trimEnd());
  } else {
    lines.push(
      lineChart([{ name: out.lossName, x: h.map((r) => r.epoch), y: h.map((r) => r.loss) }], {
        width: 60,
        height: 8,
        xLabel: 'epoch',
        colour: stdoutStyle.level > 0,
      }).trimEnd(),
    );
    const step = Math.ceil(h.length / 10);
    const picked = h.filter((r, i) => i % step === 0 || i === h.length - 1);
    lines.push('', renderTable(['epoch', 'errors', out.lossName], picked.map(row)).trimEnd());
  }
  lines.push('', terminalSafe(out.result));
  lines.push(
    `training: ${formatNumber(out.trainMs)} ms wall` +
      (out.hardwareSeconds === null
        ? ''
        : `, ${formatHardwareSeconds(out.hardwareSeconds)} of simulated hardware time`),
  );
  if (out.saved) lines.push(`weights saved to ${out.saved}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function percent(right: number, n: number): string {
  return `${formatNumber((100 * right) / n)} % (${right} of ${n})`;
}

async function trainMachineCommand(
  model: MachineModel,
  o: TrainCliOptions,
  data: CsvDataset,
  initJson: unknown,
  hooks: StepHooks = NO_HOOKS,
  openTrace: (header: TraceHeaderInput) => void = () => {},
): Promise<{
  json: Record<string, unknown>;
  final: WeightsJson;
  summary: Parameters<typeof printSummary>[0];
  scorer: (test: CsvDataset) => Scorer;
  about: Record<string, unknown>;
}> {
  const rule = o.rule === undefined ? MODEL_RULES[model][0] : parseRuleName(o.rule);
  checkRuleFits(model, rule);
  const engineName = o.engine === undefined ? TRAIN_DEFAULTS.engine : oneOf(o.engine, ENGINES, '--engine');
  const tie =
    o.tie === undefined ? undefined : oneOf<ZeroSumConvention>(o.tie, ZERO_SUM_CONVENTIONS, '--tie');
  const seed = o.seed ?? TRAIN_DEFAULTS.seed;
  const epochs = o.epochs ?? TRAIN_DEFAULTS.machineEpochs;
  const x = data.features.map((r) => Float64Array.from(r));
  const inputs = x[0].length;
  let outputs: number;
  let d: number[][];
  if (data.task === 'regression') {
    outputs = 1;
    d = data.targets.map((v) => [v]);
  } else {
    outputs = data.targets[0].length;
    d = data.targets;
  }

  let lr = o.lr === undefined ? undefined : parseNumber(o.lr, '--lr');
  let muBound: number | undefined;
  if (rule === 'mu-lms') {
    muBound = muLmsBound(x, true);
    if (lr === undefined) lr = DEFAULT_MU_FRACTION_OF_BOUND * muBound;
    else if (lr >= muBound) {
      process.stderr.write(
        `perceptron-sim: warning: μ = ${lr} is at or above 1/trace R = ${formatNumber(muBound)} for ${data.file} ` +
          `(trace R = mean |X|² with the bias input = ${formatNumber(1 / muBound)}); μ-LMS may diverge (WL90 eq. 34)\n`,
      );
    }
  }

  const mark1: Partial<Mark1Structure> = {};
  if (o.aUnits !== undefined) Object.assign(mark1, { aUnits: o.aUnits });
  if (o.theta !== undefined) Object.assign(mark1, { theta: parseNumber(o.theta, '--theta') });
  if (o.excitatory !== undefined) Object.assign(mark1, { excitatory: o.excitatory });
  if (o.inhibitory !== undefined) Object.assign(mark1, { inhibitory: o.inhibitory });
  if (o.maxFanOut !== undefined) Object.assign(mark1, { maxFanOut: o.maxFanOut });
  if (o.rBias) Object.assign(mark1, { rBias: true });
  if (o.arWiring !== undefined) {
    if (!(AR_WIRINGS as readonly string[]).includes(o.arWiring))
      throw new UserError(`--ar-wiring expects one of ${AR_WIRINGS.join(', ')}, got '${o.arWiring}'`);
    Object.assign(mark1, { arWiring: o.arWiring });
  }
  if (o.retina !== undefined) {
    const m = /^(\d+)\s*[x×]\s*(\d+)$/i.exec(o.retina.trim());
    if (!m) throw new UserError(`--retina expects WIDTHxHEIGHT, e.g. 20x20, got '${o.retina}'`);
    Object.assign(mark1, { retinaWidth: Number(m[1]), retinaHeight: Number(m[2]) });
  }
  if (model !== 'mark1' && Object.keys(mark1).length > 0) {
    throw new UserError(
      '--a-units, --max-fan-out, --theta, --excitatory, --inhibitory, --r-bias, --ar-wiring and --retina apply to --model mark1',
    );
  }
  if (model === 'mark1') {
    // Small inputs (iris, 8×8 digits) cannot be wired with the 400-photocell defaults.
    const fit = fitMark1(inputs, mark1);
    Object.assign(mark1, fit.values);
    for (const note of fit.notes) process.stderr.write(`note: ${note}\n`);
  }
  const madaline: Partial<MadalineParams> = {};
  if (o.hidden !== undefined) {
    const h = parseHidden(o.hidden);
    if (h.length !== 1) {
      throw new UserError(
        `--hidden: a MADALINE has one layer of ADALINEs; give their number, e.g. --hidden 3, got '${o.hidden}'`,
      );
    }
    Object.assign(madaline, { adalines: h[0] });
  }
  if (o.element !== undefined) Object.assign(madaline, { element: o.element });
  if (o.correction !== undefined) Object.assign(madaline, { correction: o.correction });
  if (model !== 'madaline' && Object.keys(madaline).length > 0) {
    throw new UserError(
      '--hidden, --element and --correction apply to --model madaline (and mlp for --hidden)',
    );
  }
  if (rule === 'mrii' && (o.element !== undefined || o.correction !== undefined)) {
    throw new UserError('--element and --correction belong to MRI; MRII has an adaptive output layer');
  }

  const root = Rng.fromSeed(seed);
  const machineRng = root.fork('machine');
  const orderRng = root.fork('order');
  const options: MachineOptions = {
    inputs,
    outputs,
    rule,
    lr,
    tie,
    rng: machineRng,
    init: initJson as WeightsJson | undefined,
    initSource: o.init,
    mark1: model === 'mark1' ? mark1 : undefined,
    madaline: model === 'madaline' ? madaline : undefined,
  };
  // Resolve once here for the effective settings (the engines resolve the same options again).
  const resolved = resolveMachineOptions(model, { ...options, rng: Rng.fromSeed(seed).fork('machine') });
  let engine: MachineEngine;
  if (engineName === 'event') engine = createEventMachine(model, options);
  else engine = createDenseMachine(model, options);

  const initial = engine.weights();
  const n = x.length;
  const ruleConfig: Record<string, unknown> = { ...resolved.rule };
  delete ruleConfig.kind;
  delete ruleConfig.name;
  const config: Record<string, unknown> = {
    model,
    rule,
    engine: engineName,
    data: data.file,
    rows: n,
    inputs,
    outputs,
    task: data.task,
    lr: resolved.lr,
    lrMeaning:
      resolved.rule.kind === 'perceptron'
        ? 'eta'
        : resolved.rule.kind === 'value-gain'
          ? 'increment'
          : resolved.rule.kind === 'lms'
            ? resolved.rule.variant
            : 'alpha',
    ...ruleConfig,
    epochs,
    shuffle: o.shuffle,
    seed,
    rng: RNG_ALGORITHM,
    loss: lossKind(rule),
    init: o.init ?? null,
    initRange: resolved.initRange,
    ...(muBound !== undefined ? { muBound, traceR: 1 / muBound } : {}),
    ...engine.fixedConfig(),
  };
  openTrace({
    command: process.argv.slice(2),
    kind: 'machine',
    model,
    rule,
    config: { ...config, cli: rerunOptions(o) },
    seed,
    circuitHash: hashDescription({ model, fixed: engine.fixedConfig() }),
    initial,
    inputShape: model === 'mark1' ? retinaShape(resolved.mark1) : null,
    patterns: x.length * inputs <= TRACE_PATTERN_LIMIT ? x : null,
  });
  const t0 = performance.now();
  const result = await trainMachineAsync(
    engine,
    { x, d },
    {
      epochs,
      shuffle: o.shuffle ?? true,
      rng: orderRng,
      rule,
      onStep: hooks.onStep,
      shouldStop: hooks.shouldStop,
      pause: hooks.pause,
    },
  );
  const trainMs = performance.now() - t0;
  const hardwareSeconds = engineName === 'event' ? engine.hardwareSeconds() : null;
  const final = engine.weights();

  // Final accuracy with the trained weights (responses only, no learning).
  let right = 0;
  let sse = 0;
  for (let i = 0; i < x.length; i++) {
    const r = engine.respond(x[i]);
    if (data.task === 'regression') {
      const t = resolved.rule.tie as 'negative' | 'positive';
      if (quantize(r.sums[0], t) === quantize(d[i][0], t)) right++;
      sse += (d[i][0] - r.sums[0]) ** 2;
    } else if (r.outputs.every((y, k) => y === d[i][k])) right++;
  }
  const resultText =
    data.task === 'regression'
      ? `final: mean squared error ${formatNumber(sse / n)}; quantizer agrees with sgn(d) on ${percent(right, n)}`
      : `final accuracy: ${percent(right, n)}` + (outputs > 1 ? ' (every unit right, one-vs-rest)' : '');

  const json = {
    model,
    rule,
    config,
    classes: data.classes,
    initial,
    final,
    history: result.history,
    // The figures the human summary ends with, with the trained weights.
    result:
      data.task === 'regression'
        ? { meanSquaredError: sse / n, quantizerAgreement: right / n }
        : { accuracy: right / n, correct: right, total: n },
    timing: { trainMs, hardwareSeconds },
  };
  const scorer =
    (test: CsvDataset): Scorer =>
    (row, i) => {
      const r = engine.respond(Float64Array.from(row));
      if (test.task === 'regression')
        return { right: false, squaredError: (test.targets[i] - r.sums[0]) ** 2 };
      return { right: r.outputs.every((y, k) => y === test.targets[i][k]), squaredError: 0 };
    };
  return {
    json,
    final,
    scorer,
    // What `predict` needs to rebuild this machine (the seed rewires the Mark I's plugboard).
    about: {
      model,
      machine: { rule, lr, tie, seed, inputs, outputs, mark1: options.mark1, madaline: options.madaline },
    },
    summary: {
      title: `${model} (${rule}, ${engineName} engine) on ${data.file}: ${n} patterns, ${epochs} epoch${epochs === 1 ? '' : 's'}`,
      history: result.history,
      lossName: lossKind(rule),
      rows: n,
      result: resultText,
      trainMs,
      hardwareSeconds,
    },
  };
}

async function trainMlpCommand(
  o: TrainCliOptions,
  data: CsvDataset,
  initJson: unknown,
  hooks: StepHooks = NO_HOOKS,
  openTrace: (header: TraceHeaderInput) => void = () => {},
): Promise<{
  json: Record<string, unknown>;
  final: MlpWeightsJson;
  summary: Parameters<typeof printSummary>[0];
  scorer: (test: CsvDataset) => Scorer;
  about: Record<string, unknown>;
}> {
  const loss: LossName =
    o.loss === undefined ? 'squared' : MLP_LOSSES[oneOf(o.loss, ['mse', 'xent'], '--loss')];
  const hidden = o.hidden === undefined ? TRAIN_DEFAULTS.mlpHidden : parseHidden(o.hidden);
  const activations = (o.activation ?? [])
    .flatMap(commaList)
    .map((a) => formatActivation(parseActivation(a).getConfig()));
  if (activations.length > 1 && activations.length !== hidden.length) {
    throw new UserError(
      `--activation: ${activations.length} activations for ${hidden.length} hidden layer(s); give one for all, or one per hidden layer`,
    );
  }
  const seed = o.seed ?? TRAIN_DEFAULTS.seed;
  const epochs = o.epochs ?? TRAIN_DEFAULTS.mlpEpochs;
  const lr = o.lr === undefined ? TRAIN_DEFAULTS.mlpLearningRate : parseNumber(o.lr, '--lr');
  if (!(lr > 0)) throw new UserError(`--lr: the learning rate must be > 0, got ${lr}`);
  const regression = data.task === 'regression';
  const classes = data.classes;
  let output: (typeof MLP_OUTPUTS)[number];
  if (o.output !== undefined) output = oneOf(o.output, MLP_OUTPUTS, '--output');
  else output = loss === 'cross-entropy' && classes.length > 2 ? 'softmax' : 'sigmoid';
  let outputs: number;
  let y: number[][];
  if (regression) {
    outputs = 1;
    y = (data.targets as number[]).map((v) => [v]);
  } else {
    const labels = (data as { labels: number[] }).labels;
    if (classes.length === 2 && output !== 'softmax') {
      outputs = 1;
      y = labels.map((l) => [l === 1 ? 1 : 0]);
    } else {
      outputs = classes.length;
      y = labels.map((l) => classes.map((_, k) => (k === l ? 1 : 0)));
    }
  }
  const spec: MlpSpec = {
    inputs: data.features[0].length,
    hidden,
    outputs,
    hiddenActivation:
      activations.length === 0 ? undefined : activations.length === 1 ? activations[0] : activations,
    outputActivation: output,
    loss,
    init: o.weightInit === undefined ? undefined : parseInit(o.weightInit),
    biasInit: o.biasInit === undefined ? undefined : parseBiasInit(o.biasInit),
  };
  const root = Rng.fromSeed(seed);
  const weightsRng = root.fork('weights');
  const orderRng = root.fork('order');
  const net = initJson === undefined ? Mlp.create(spec, weightsRng) : Mlp.fromWeights(spec, initJson, o.init);
  // Greedy layer-wise RBM pre-training replaces the hidden layers' initial weights (docs/rbm.md).
  let pretraining: PretrainReport | null = null;
  if (o.pretrain !== undefined) {
    oneOf(o.pretrain, ['rbm'], '--pretrain');
    if (initJson !== undefined)
      throw new UserError('--pretrain rbm and --init both set the initial weights; give one');
    pretraining = pretrainMlp(net, data.features, o, data.file, root.fork('pretrain'));
  }
  const dataset = makeDataset(data.features, y);
  const batch = o.batch ?? TRAIN_DEFAULTS.mlpBatch;
  openTrace({
    command: process.argv.slice(2),
    kind: 'mlp',
    model: 'mlp',
    rule: 'backprop',
    config: { network: net.config, learningRate: lr, epochs, batch, seed, pretraining, cli: rerunOptions(o) },
    seed,
    circuitHash: null,
    initial: net.exportWeights(),
    inputShape: null,
    patterns: data.features.length * spec.inputs <= TRACE_PATTERN_LIMIT ? data.features : null,
  });
  const t0 = performance.now();
  const r = await trainMlpAsync(net, dataset, {
    onUpdate: hooks.onStep ? (u) => hooks.onStep!(mlpTraceStep(u)) : undefined,
    shouldStop: hooks.shouldStop,
    pause: hooks.pause,
    learningRate: lr,
    maxEpochs: epochs,
    momentum: o.momentum ?? TRAIN_DEFAULTS.mlpMomentum,
    weightDecay: o.l2 ?? TRAIN_DEFAULTS.mlpL2,
    batchSize: batch,
    shuffle: o.shuffle,
    rng: orderRng,
    diagnostics: false,
    evaluation: o.evaluation === undefined ? undefined : oneOf(o.evaluation, EVALUATIONS, '--evaluation'),
    task: regression ? 'regression' : 'classification',
  });
  const trainMs = performance.now() - t0;
  const history = r.history.filter((h) => h.epoch >= 1);
  const last = r.history.at(-1);
  const n = dataset.count;
  // Running records describe the last epoch as it was trained, not its final weights.
  const during = r.config.training.evaluation === 'running' ? ' during the last epoch' : '';
  const resultText =
    last === undefined
      ? 'final: no epoch completed, so none recorded (--evaluation running records epochs as they train)'
      : last.errors === null
        ? `final: mean loss${during} ${formatNumber(last.loss)}`
        : `final accuracy${during}: ${percent(n - last.errors, n)} (counted as wrong: ${r.config.training.errorRule})`;
  const config = {
    model: 'mlp',
    rule: 'backprop',
    data: data.file,
    rows: n,
    task: regression ? 'regression' : 'classification',
    network: r.config.network,
    training: r.config.training,
    lossOption: Object.entries(MLP_LOSSES).find(([, v]) => v === loss)?.[0],
    output,
    epochs,
    shuffle: o.shuffle,
    seed,
    rng: RNG_ALGORITHM,
    init: o.init ?? null,
  };
  const json = {
    model: 'mlp',
    rule: 'backprop',
    config,
    pretraining,
    classes,
    initial: r.initial,
    final: r.final,
    history,
    // The figures the human summary ends with (from the last epoch record; null when none completed).
    result:
      last === undefined
        ? null
        : last.errors === null
          ? { meanLoss: last.loss }
          : { accuracy: (n - last.errors) / n, correct: n - last.errors, total: n },
    timing: { trainMs, hardwareSeconds: null },
  };
  const scorer =
    (test: CsvDataset): Scorer =>
    (row, i) => {
      const out = net.predict(row);
      if (test.task === 'regression') return { right: false, squaredError: (out[0] - test.targets[i]) ** 2 };
      const label = test.labels[i];
      // The rule training counts errors by (backprop/train.ts): arg-max for softmax, else 0.5.
      if (outputs > 1 && output === 'softmax') {
        return { right: out.indexOf(Math.max(...out)) === label, squaredError: 0 };
      }
      const want = outputs === 1 ? [label === 1 ? 1 : 0] : classes.map((_, k) => (k === label ? 1 : 0));
      return { right: out.every((v, k) => v > 0.5 === want[k] > 0.5), squaredError: 0 };
    };
  return {
    json,
    final: r.final,
    scorer,
    about: { model: 'mlp', network: net.config },
    summary: {
      title:
        `mlp ${[spec.inputs, ...hidden, outputs].join('-')} (${activations.join(',') || 'sigmoid'} hidden, ${output} output, ${o.loss ?? 'mse'}) on ${data.file}: ${n} samples, ${epochs} epochs` +
        (pretraining
          ? `, hidden layers pre-trained as RBMs (CD-${pretraining.k}, ${pretraining.epochs} epochs each)`
          : ''),
      history,
      lossName: loss === 'squared' ? 'loss (½ squared error)' : 'loss (cross-entropy)',
      rows: n,
      result: resultText,
      trainMs,
      hardwareSeconds: null,
    },
  };
}

/** Patterns are kept in a trace (for `replay --show`) up to this many numbers; beyond, only indices. */
const TRACE_PATTERN_LIMIT = 200_000;

function retinaShape(m: Mark1Structure | undefined): InputShape | null {
  return m ? { width: m.retinaWidth, height: m.retinaHeight } : null;
}

/**
 * The options a `replay --verify` re-run needs: what was typed, with the data and initial-weights
 * paths made absolute (the trace may be verified from another folder), and no output options.
 */
function rerunOptions(o: TrainCliOptions): Partial<TrainCliOptions> {
  const { json: _json, save: _save, trace: _trace, sign: _sign, ...rest } = o;
  return {
    ...rest,
    data: resolvePath(o.data),
    init: o.init === undefined ? undefined : resolvePath(o.init),
    test: o.test === undefined ? undefined : resolvePath(o.test),
  };
}

/** Load what a run needs from its options (shared by the command and the verify re-runs). */
async function loadInputs(
  model: TrainModel,
  o: TrainCliOptions,
): Promise<{ data: CsvDataset; initJson: unknown; test?: CsvDataset; testSource?: string }> {
  const initJson = o.init === undefined ? undefined : readJsonFile(o.init, 'initial weights');
  const regression = model === 'adaline' || (model === 'mlp' && o.output === 'identity');
  const csvOptions = {
    task: regression ? ('regression' as const) : ('classification' as const),
    target: o.target,
    ignore: o.ignore,
    delimiter: o.delimiter,
  };
  const data = await readCsv(o.data, csvOptions);
  return { ...(await holdOut(data, o, csvOptions, o.seed ?? TRAIN_DEFAULTS.seed)), initJson };
}

/** What each recorded `train` option must be (TrainCliOptions without the output options). */
const RECORDED_TRAIN_OPTIONS: Readonly<Record<string, RecordedKind>> = {
  model: 'string',
  data: 'string',
  rule: 'string',
  lr: 'string',
  epochs: 'integer',
  shuffle: 'boolean',
  seed: 'integer',
  tie: 'string',
  engine: 'string',
  init: 'string',
  hidden: 'string',
  activation: 'string[]',
  weightInit: 'string',
  biasInit: 'string',
  loss: 'string',
  output: 'string',
  batch: 'integer',
  momentum: 'number',
  l2: 'number',
  evaluation: 'string',
  element: 'string',
  correction: 'string',
  aUnits: 'integer',
  maxFanOut: 'integer',
  theta: 'string',
  excitatory: 'integer',
  inhibitory: 'integer',
  rBias: 'boolean',
  retina: 'string',
  arWiring: 'string',
  target: 'string',
  ignore: 'string[]',
  delimiter: 'string',
  k: 'integer',
  features: 'string',
  pretrain: 'string',
  pretrainEpochs: 'integer',
  pretrainLr: 'string',
  test: 'string',
  testSplit: 'string',
};

/** `replay --verify` re-runs traces of `train` from the options recorded in their header. */
function registerTrainReruns(): void {
  const rerun = async (ctx: RerunContext) => {
    const o = checkRecorded(ctx.header.config.cli, RECORDED_TRAIN_OPTIONS, 'config.cli', [
      'model',
      'data',
    ]) as unknown as TrainCliOptions;
    const model = parseModel(o.model);
    const { data, initJson } = await loadInputs(model, o);
    const hooks = rerunHooks(ctx);
    const report = (header: TraceHeaderInput) => ctx.initial(header.initial);
    await rerunQuietly(() =>
      model === 'mlp'
        ? trainMlpCommand(o, data, initJson, hooks, report)
        : trainMachineCommand(model as MachineModel, o, data, initJson, hooks, report),
    );
  };
  registerRerun('machine', rerun);
  registerRerun('mlp', rerun);
  registerRerun('rbm', async (ctx: RerunContext) => {
    const o = ctx.header.config.cli as TrainCliOptions;
    const grid = await loadRbmData(o);
    const initJson = o.init === undefined ? undefined : readJsonFile(o.init, 'initial weights');
    await rerunQuietly(() =>
      trainRbmCommand({ ...o, features: undefined }, grid, initJson, {}, rerunHooks(ctx), (h) =>
        ctx.initial(h.initial),
      ),
    );
  });
}

export function registerTrain(program: Command): void {
  registerTrainReruns();
  program
    .command('train')
    .description('train a historical machine or a backprop MLP on a CSV file (docs/train.md)')
    .requiredOption('--model <model>', `(required) what to train: ${TRAIN_MODELS.join(', ')}`)
    .requiredOption(
      '--data <file>',
      '(required) CSV: numeric feature columns, the target in the last column, optional header (rbm: every column an input in [0, 1], see --target)',
    )
    .option(
      '--rule <rule>',
      `learning rule (default: perceptron, mark1 fixed; adaline alpha-lms; madaline mri): ${RULE_NAMES.join(', ')}; rbm: cd (default) or pcd`,
    )
    .option(
      '--lr <x>',
      'η (fixed, absolute; default 1), α (alpha-lms, default 0.1, 0 < α < 2; mri slow 0.5; mrii 1), ' +
        'μ (mu-lms; default 0.1/trace R), δ (value-gain, default 1), or the MLP learning rate (default 0.1)',
    )
    .option(
      '--epochs <n>',
      'passes over the data (default 10 for machines, 100 for mlp)',
      nonNegativeInteger('--epochs'),
    )
    .option('--shuffle', 'present the rows in a fresh random order every epoch (default)')
    .option('--no-shuffle', 'present the rows in file order')
    .option('--seed <n>', `seed of every random choice (default ${TRAIN_DEFAULTS.seed})`, seedOption)
    .option(
      '--tie <t>',
      'response to a zero sum: error (default for perceptron, mark1), negative (adaline, madaline default), positive',
    )
    .option(
      '--engine <e>',
      'dense (default: typed arrays, fast) or event (the machine as a circuit on the event kernel: slower, reports simulated hardware time)',
    )
    .option(
      '--init <file>',
      'start from these weights ({ "layers": [ { "weights": [[...]], "bias": [...] } ] })',
    )
    .option(
      '--test <file>',
      'score the trained model on this CSV (same columns and reader options as --data)',
    )
    .option(
      '--test-split <fraction>',
      'hold out this fraction of --data as a test set (stratified by class, drawn from --seed)',
    )
    .option('--save <file>', 'write the final weights ({ "layers": [...] }) after training succeeds')
    .option('--json', 'print one JSON object on stdout')
    .option(
      '--trace <file>',
      'record every learning step (JSON Lines; see docs/trace-format.md and `replay`)',
    )
    .option('--sign <key.pem>', 'sign the trace with this Ed25519 private key (see docs/trace-format.md)')
    .option(
      '--hidden <sizes>',
      `mlp: hidden layer sizes, e.g. 8,4 (default ${TRAIN_DEFAULTS.mlpHidden.join(',')}); madaline: ADALINEs (default 3)`,
    )
    .option(
      '--activation <name[:param]>',
      'mlp hidden activation, one for all or one per layer (comma list or repeated; default sigmoid)',
      collect,
    )
    .option(
      '--weight-init <name[:param]>',
      'mlp initialiser: uniform[:r] (default uniform:0.3), standard, glorot-uniform, he-normal, zeros',
    )
    .option('--bias-init <x>', "mlp bias initial value, or 'same' to draw biases like weights")
    .option('--loss <loss>', 'mlp loss: mse (½ squared error, default) or xent (cross-entropy)')
    .option(
      '--output <act>',
      'mlp output: sigmoid (default; one unit for two classes), softmax, identity (regression)',
    )
    .option('--batch <n>', 'mlp samples per update (default 1)', positiveInteger('--batch'))
    .option('--momentum <x>', 'mlp momentum (default 0)', nonNegativeNumber('--momentum'))
    .option('--l2 <x>', 'mlp L2 weight decay λ (penalty ½λ‖w‖², default 0)', nonNegativeNumber('--l2'))
    .option(
      '--evaluation <mode>',
      "mlp epoch records: pass (default; an extra pass after each epoch with its final weights) or running (from the training pass itself, as scikit-learn's loss_curve_; faster)",
    )
    .option(
      '--k <n>',
      `rbm (and --pretrain rbm): Gibbs steps per negative phase, the k of CD-k / PCD-k (default ${RBM_CLI_DEFAULTS.k})`,
      positiveInteger('--k'),
    )
    .option(
      '--target <column>',
      'the target column, a header name or 1-based number (default: the last column); rbm: a column to leave out of the inputs',
    )
    .option(
      '--ignore <column>',
      'a column to leave out (header name or 1-based number; repeatable), e.g. an index column',
      collect,
      [],
    )
    .option(
      '--delimiter <sep>',
      'the cell separator: , ; tab, or auto (default: a comma, else ; or tab when the first line has no comma)',
    )
    .option('--features <file>', 'rbm: write the hidden-unit probabilities P(h=1|v) of every row as CSV')
    .option(
      '--pretrain <method>',
      'mlp: pre-train every hidden layer in turn as an RBM (rbm), then fine-tune',
    )
    .option(
      '--pretrain-epochs <n>',
      `mlp --pretrain rbm: epochs per layer (default ${RBM_CLI_DEFAULTS.pretrainEpochs})`,
      nonNegativeInteger('--pretrain-epochs'),
    )
    .option(
      '--pretrain-lr <x>',
      `mlp --pretrain rbm: the RBMs' learning rate (default ${RBM_CLI_DEFAULTS.pretrainLearningRate})`,
    )
    .option('--element <e>', 'madaline MRI output element: and, or, maj (default maj)')
    .option(
      '--correction <c>',
      'madaline MRI correction: fast (default, until the output reverses) or slow (one α-LMS step)',
    )
    .option('--a-units <n>', 'mark1 association units (default 512)', positiveInteger('--a-units'))
    .option(
      '--max-fan-out <n>',
      'mark1: at most this many A-units per S-unit (default 40, raised to fit small inputs; see docs/train.md)',
      positiveInteger('--max-fan-out'),
    )
    .option('--theta <x>', 'mark1 A-unit threshold θ (default 2; an assumption)')
    .option(
      '--excitatory <n>',
      'mark1 excitatory connections per A-unit (default 6; an assumption)',
      nonNegativeInteger('--excitatory'),
    )
    .option(
      '--inhibitory <n>',
      'mark1 inhibitory connections per A-unit (default 4; an assumption)',
      nonNegativeInteger('--inhibitory'),
    )
    .option('--r-bias', 'mark1: give each R-unit an adjustable bias (default none, WL90 Fig. 13)')
    .option(
      '--ar-wiring <how>',
      "mark1: A→R pots, 'partitioned' (one per A-unit, 512 on the Mark I; default) or 'full' (every A-unit to every R-unit)",
    )
    .option(
      '--retina <WxH>',
      'mark1 retina shape (default square if the feature count is a square, else N×1)',
    )
    .addHelpText(
      'after',
      '\nEngines: the machines run in the dense engine by default (typed arrays, the same rule functions).\n' +
        '--engine event runs the circuit on the event kernel instead: identical weights with ideal parts,\n' +
        'slower, and it reports the simulated hardware time. The mlp has no engine.\n\n' +
        'Examples:\n' +
        '  perceptron-sim train --model perceptron --data iris.csv --rule fixed --tie error --no-shuffle --json\n' +
        '  perceptron-sim train --model adaline --data tgf.csv --rule mu-lms --lr 0.005 --epochs 50\n' +
        '  perceptron-sim train --model madaline --data xor.csv --rule mri --hidden 2 --element and\n' +
        '  perceptron-sim train --model mlp --data xor.csv --hidden 2 --activation tanh --loss xent --epochs 500\n' +
        '  perceptron-sim train --model rbm --data digits.csv --target digit --hidden 64 --rule pcd --features h.csv\n' +
        '  perceptron-sim train --model mlp --data digits.csv --hidden 64,32 --pretrain rbm --pretrain-epochs 5',
    )
    .action(async (o: TrainCliOptions, cmd: Command) => {
      // Validate everything that needs no data first, then the files, then train.
      const model = parseModel(o.model);
      o.shuffle = o.shuffle ?? true;
      checkApplicable(cmd, model);
      checkHeldOutOptions(o);
      checkRunFiles(
        [
          { option: '--data', path: o.data },
          { option: '--init', path: o.init },
          { option: '--test', path: o.test },
        ],
        [
          { option: '--trace', path: o.trace, what: 'trace file' },
          { option: '--save', path: o.save, what: 'weights file' },
          { option: '--features', path: o.features, what: 'features file' },
        ],
      );
      if (model === 'rbm') {
        parseRbmRule(o.rule);
        parseRbmHidden(o.hidden);
        if (o.lr !== undefined && !(parseNumber(o.lr, '--lr') > 0)) {
          throw new UserError(`--lr: the learning rate must be > 0, got ${o.lr}`);
        }
        if (o.momentum !== undefined && o.momentum >= 1) {
          throw new UserError(`--momentum: must be below 1 for an RBM, got ${o.momentum}`);
        }
        const grid = await loadRbmData(o);
        const initJson = o.init === undefined ? undefined : readJsonFile(o.init, 'initial weights');
        const run = await withTrace(o.trace, { sign: signOption(o.sign, o.trace) }, (hooks, open) =>
          trainRbmCommand(o, grid, initJson, rerunOptions(o) as Record<string, unknown>, hooks, open),
        );
        if (o.save !== undefined)
          writeFileAtomic(o.save, JSON.stringify(run.saved, null, 2) + '\n', 'weights file');
        process.stdout.write(
          o.json
            ? JSON.stringify(run.json, null, 2) + '\n'
            : run.summary + (o.save ? `\nweights saved to ${o.save}` : '') + '\n',
        );
        return;
      }
      if (o.pretrain !== undefined) oneOf(o.pretrain, ['rbm'], '--pretrain');
      if (o.pretrainLr !== undefined && !(parseNumber(o.pretrainLr, '--pretrain-lr') > 0)) {
        throw new UserError(`--pretrain-lr: the learning rate must be > 0, got ${o.pretrainLr}`);
      }
      const sign = signOption(o.sign, o.trace);
      if (model !== 'mlp' && o.rule !== undefined)
        checkRuleFits(model as MachineModel, parseRuleName(o.rule));
      if (model === 'mlp') {
        if (o.loss !== undefined) oneOf(o.loss, ['mse', 'xent'], '--loss');
        if (o.output !== undefined) oneOf(o.output, MLP_OUTPUTS, '--output');
        if (o.evaluation !== undefined) oneOf(o.evaluation, EVALUATIONS, '--evaluation');
        if (o.hidden !== undefined) parseHidden(o.hidden);
        for (const a of (o.activation ?? []).flatMap(commaList)) parseActivation(a);
        if (o.weightInit !== undefined) parseInit(o.weightInit);
        if (o.biasInit !== undefined) parseBiasInit(o.biasInit);
        if (o.loss === 'xent' && o.output === 'identity') {
          throw new UserError(
            '--loss xent needs --output sigmoid or softmax; identity output is a regression (--loss mse)',
          );
        }
      }
      if (o.lr !== undefined) parseNumber(o.lr, '--lr');
      if (o.tie !== undefined) oneOf(o.tie, ZERO_SUM_CONVENTIONS, '--tie');
      if (o.engine !== undefined) oneOf(o.engine, ENGINES, '--engine');
      const { data, initJson, test, testSource } = await loadInputs(model, o);
      for (const note of data.notes ?? []) process.stderr.write(`note: ${note}\n`);
      const stepLoss =
        model === 'mlp'
          ? undefined
          : machineStepLoss(o.rule === undefined ? MODEL_RULES[model][0] : parseRuleName(o.rule));
      const run = await withTrace(o.trace, { stepLoss, sign }, (hooks, open) =>
        model === 'mlp'
          ? trainMlpCommand(o, data, initJson, hooks, open)
          : trainMachineCommand(model, o, data, initJson, hooks, open),
      );

      if (o.save !== undefined) {
        const layers = run.final.layers;
        const saved = {
          ...(model === 'mlp' ? (run.final as MlpWeightsJson) : { layers }),
          predict: predictInfo(run.about, data),
        };
        writeFileAtomic(o.save, JSON.stringify(saved, null, 2) + '\n', 'weights file');
      }
      if (test !== undefined) {
        const scored = scoreTest(test, testSource ?? '', run.scorer(test));
        run.json.result = { ...(run.json.result ?? {}), test: scored.json };
        run.summary.result += '\n' + scored.text;
      }
      if (o.json) {
        process.stdout.write(JSON.stringify(run.json, null, 2) + '\n');
      } else {
        printSummary({ ...run.summary, saved: o.save, columns: describeColumns(data) });
      }
    });
}

/** "features: a, b (columns 1-2); target: y (column 3); classes: 0, 1" for the summary. */
export function describeColumns(data: CsvDataset): string {
  const numbers = data.columnNumbers ?? Array.from({ length: data.features[0].length + 1 }, (_, k) => k + 1);
  const name = (i: number) => data.header?.[i] || `column ${numbers[i]}`;
  const f = data.features[0].length;
  const names = Array.from({ length: f }, (_, i) => name(i));
  const shown = names.length > 8 ? [...names.slice(0, 6), `…`, names[names.length - 1]] : names;
  const target = `target: ${name(f)} (column ${numbers[f]})`;
  const classes =
    data.task === 'classification'
      ? `; classes: ${data.classes.slice(0, 12).join(', ')}${data.classes.length > 12 ? `, … (${data.classes.length})` : ''}`
      : '';
  return `features: ${shown.join(', ')} (${f}); ${target}${classes}`;
}
