/**
 * The options both machine engines take, and their one resolution into concrete values.
 *
 * `createEventMachine(model, options)` (the circuits, `src/machines/index.ts`) and
 * `createDenseMachine(model, options)` (typed arrays, `src/dense/`) accept the same
 * `MachineOptions` and must call `resolveMachineOptions` first, so that for the same options and
 * seed they build the same machine: the same rule parameters, the same Mark I plugboard, the same
 * initial weights. Everything a user can get wrong is checked here and reported as a `UserError`
 * naming the option; engines may assume a resolved value is valid.
 *
 * Randomness: `resolveMachineOptions` forks the given Rng exactly twice, in this order, whatever the
 * model: `fork('plugboard')` (Mark I S→A wiring) and `fork('weights')` (random initial weights of
 * the MADALINE). The caller keeps a separate generator for presentation order (see train.ts).
 *
 * Layer layout of `WeightsJson` (`--init`, `--save`, `weights()`), `weights[unit][input]`, bias last
 * in the rule vectors but separate in JSON:
 * - perceptron, adaline: one layer, `outputs` units × `inputs`, with bias.
 * - mark1: one layer, the A→R weights, `outputs` R-units × `aUnits`; `bias` is all 0 and never
 *   changes unless `rBias` (WL90 Fig. 13's α-perceptron has no bias weight).
 * - madaline, MRI: one layer of `outputs × adalines` ADALINEs (output g uses units
 *   g·adalines … (g+1)·adalines − 1, all feeding that output's fixed element), × `inputs`, with bias.
 * - madaline, MRII: two layers: `adalines` hidden ADALINEs × `inputs`, then `outputs` output
 *   ADALINEs × `adalines`, both with bias.
 *
 * What a `LearningStep` holds, per model (both engines; the dense engine is the reference):
 * - perceptron, mark1 with fixed/absolute: per R-unit, `perceptronStep` on the unit's inputs (mark1:
 *   the 0/1 A-unit responses); `outputs` are its −1/0/+1 (0 = undecided zero sum under 'error'),
 *   `errors` d − output, `mistake` any unit wrong.
 * - mark1 with value-gain-*: forced training (R58): every presentation reinforces each R-unit's
 *   desired response, `valueGainStep(values[0..aUnits), a, { increment: δ·d })` (never the bias);
 *   sums/outputs/errors/mistake are judged as for the perceptron rules, before the reinforcement.
 * - adaline: per unit, `alphaLmsStep`/`muLmsStep`; `outputs` quantize(s, tie), `errors` the linear
 *   error d − s, `mistake` when quantize(s) ≠ quantize(d) for some unit.
 * - madaline MRI: per output g, `mriStep` on its group; `sums` are all the ADALINEs' sums, group by
 *   group (outputs × adalines entries); `outputs` the elements' outputs; `errors` d − output.
 * - madaline MRII: `mriiStep`; `sums`/`outputs` the output layer's, before the step; `errors` d − y.
 * - `changes`: one entry per weight that changed over the step (before = at its start, after = at
 *   its end; a weight adapted twice by MRII appears once), units in the order the rule first changed
 *   them, inputs ascending with the bias (input −1) last; `time` is 0 in the dense engine.
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import {
  ALPHA_LMS_STABLE_RANGE,
  DEFAULT_MRI_FAST_MARGIN,
  DEFAULT_MRI_SLOW_ALPHA,
  DEFAULT_MRII_ALPHA,
  DEFAULT_PERCEPTRON_ETA,
  LOGIC_ELEMENTS,
  MRI_CORRECTIONS,
  RULE_NAMES,
  ZERO_SUM_CONVENTIONS,
} from '../rules/index.js';
import type { LogicElement, QuantizerTie, ZeroSumConvention } from '../rules/index.js';
import { didYouMean } from '../util/nearest.js';
import {
  MARK1_DEFAULTS,
  checkMark1Structure,
  plugboardParams,
  rUnitBlock,
} from '../machine-description/mark1-params.js';
import type { Mark1Structure } from '../machine-description/mark1-params.js';
import { wirePlugboard } from '../machine-description/plugboard.js';
import type {
  MadalineParams,
  NonIdealities,
  ResolvedMachineOptions,
  ResolvedRule,
} from '../machine-description/resolved.js';
import type { LayerWeights, MachineModel, RuleName, WeightsJson } from '../machine-description/types.js';
import { MACHINE_MODELS } from '../machine-description/types.js';

// The resolved description lives with the engine-neutral machine description; re-exported here,
// where callers have always found it. The rule names are listed once, in rules/step.ts.
export { hasBias, nonIdealitiesOn } from '../machine-description/resolved.js';
export type {
  MadalineParams,
  NonIdealities,
  ResolvedMachineOptions,
  ResolvedRule,
} from '../machine-description/resolved.js';
export { RULE_NAMES };

/** Which rules each machine can learn by; the first is the model's default. */
export const MODEL_RULES: Readonly<Record<MachineModel, readonly RuleName[]>> = {
  perceptron: ['fixed', 'absolute'],
  mark1: ['fixed', 'absolute', 'value-gain-alpha', 'value-gain-gamma'],
  adaline: ['alpha-lms', 'mu-lms'],
  madaline: ['mri', 'mrii'],
};

/** α of α-LMS when none is given: the lower end of WL90 eq. 16's practical range 0.1 < α < 1. */
export const DEFAULT_ALPHA_LMS = 0.1;
/** μ-LMS's default as a fraction of the data's bound 1/trace R (the caller computes it from data). */
export const DEFAULT_MU_FRACTION_OF_BOUND = 0.1;
/** Value-gain increment δ per reinforcement (our choice; R58 gives no number). */
export const DEFAULT_VALUE_GAIN_INCREMENT = 1;
/** ADALINEs per MADALINE (MRI) or hidden ADALINEs (MRII): the smallest majority. Our choice. */
export const DEFAULT_MADALINE_ADALINES = 3;
export const DEFAULT_MADALINE_ELEMENT: LogicElement = 'maj';
/**
 * MADALINE initial weights are "small random" (WL90 p.1427): uniform in ±this, unit by unit, input
 * order, bias last, from `fork('weights')`. The size is our choice.
 */
export const DEFAULT_MADALINE_INIT_RANGE = 0.1;

/** What a caller (the CLI, an experiment, a test) gives an engine factory. */
export interface MachineOptions {
  /** Inputs per pattern (features; retina cells for mark1). */
  readonly inputs: number;
  /** Output units: one for two classes or a regression, one per class for more (one-vs-rest). */
  readonly outputs: number;
  /** Learning rule; default: the model's first in `MODEL_RULES`. */
  readonly rule?: RuleName;
  /**
   * Step size: η for fixed/absolute, α for α-LMS, μ for μ-LMS, α of MRI's slow step and of both
   * MRII layers, δ for the value-gain systems. Required for μ-LMS (its bound depends on the data).
   */
  readonly lr?: number;
  /**
   * Zero-sum convention. Perceptron rules (perceptron, mark1): error | negative | positive, default
   * 'error'. ADALINE quantizers (adaline, madaline): negative | positive, default 'negative' (WH60).
   */
  readonly tie?: ZeroSumConvention;
  /** The machine's generator (forked for the plugboard and the initial weights; see above). */
  readonly rng: Rng;
  /** Initial weights; default zeros (perceptron, mark1, adaline) or small random (madaline). */
  readonly init?: WeightsJson;
  /** Where `init` came from (a file name), for messages. */
  readonly initSource?: string;
  /** Mark I structure overrides (defaults MARK1_DEFAULTS; retina defaults to √inputs square, else inputs×1). */
  readonly mark1?: Partial<Mark1Structure>;
  /** MADALINE overrides. */
  readonly madaline?: Partial<MadalineParams>;
  /** Half-range of random initial weights (madaline only); 0 gives zeros. */
  readonly initRange?: number;
  /** Non-idealities; all off by default. */
  readonly nonIdeal?: NonIdealities;
}

/** Parse a rule name, with a suggestion when mistyped. */
export function parseRuleName(text: string): RuleName {
  if ((RULE_NAMES as readonly string[]).includes(text)) return text as RuleName;
  throw new UserError(
    `unknown rule '${text}'${didYouMean(text, RULE_NAMES)}; expected one of ${RULE_NAMES.join(', ')}`,
  );
}

/** Parse a model name (machines only), with a suggestion. */
export function parseMachineModel(text: string, extra: readonly string[] = []): MachineModel {
  if ((MACHINE_MODELS as readonly string[]).includes(text)) return text as MachineModel;
  const all = [...MACHINE_MODELS, ...extra];
  throw new UserError(`unknown model '${text}'${didYouMean(text, all)}; expected one of ${all.join(', ')}`);
}

/** Refuse a rule that does not fit the model, naming the rules that do. */
export function checkRuleFits(model: MachineModel, rule: RuleName): void {
  const fits = MODEL_RULES[model];
  if (!fits.includes(rule)) {
    const owners = MACHINE_MODELS.filter((m) => MODEL_RULES[m].includes(rule));
    throw new UserError(
      `rule '${rule}' does not fit model '${model}' (it trains ${owners.join(', ')}); ` +
        `${model} learns by ${fits.join(', ')}`,
    );
  }
}

function positiveInt(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 1) throw new UserError(`${what} must be a whole number ≥ 1, got ${v}`);
}

function openRange(v: number, lo: number, hi: number, what: string, source: string): void {
  if (!(v > lo && v < hi)) {
    throw new UserError(`${what} = ${v} is outside the stable range ${lo} < ${what} < ${hi} (${source})`);
  }
}

function resolveRule(model: MachineModel, options: MachineOptions, mad: MadalineParams): ResolvedRule {
  const name = options.rule ?? MODEL_RULES[model][0];
  checkRuleFits(model, name);
  const lr = options.lr;
  if (lr !== undefined && !Number.isFinite(lr))
    throw new UserError(`learning rate must be finite, got ${lr}`);
  const perceptronTie = (): ZeroSumConvention => {
    const t = options.tie ?? 'error';
    if (!ZERO_SUM_CONVENTIONS.includes(t)) throw new UserError(`unknown tie convention '${t}'`);
    return t;
  };
  const quantizerTie = (): QuantizerTie => {
    const t = options.tie ?? 'negative';
    if (t !== 'negative' && t !== 'positive') {
      throw new UserError(
        `tie '${t}' applies to the perceptron rules; the ADALINE quantizer answers a zero sum with ` +
          `'negative' (WH60, the default) or 'positive'`,
      );
    }
    return t;
  };
  switch (name) {
    case 'fixed':
    case 'absolute': {
      const eta = lr ?? DEFAULT_PERCEPTRON_ETA;
      if (!(eta > 0)) throw new UserError(`perceptron rule: lr (η) must be > 0, got ${eta}`);
      return { kind: 'perceptron', name, correction: name, eta, tie: perceptronTie() };
    }
    case 'value-gain-alpha':
    case 'value-gain-gamma': {
      const increment = lr ?? DEFAULT_VALUE_GAIN_INCREMENT;
      if (!(increment > 0)) throw new UserError(`value-gain: lr (increment δ) must be > 0, got ${increment}`);
      return {
        kind: 'value-gain',
        name,
        system: name === 'value-gain-alpha' ? 'alpha' : 'gamma',
        increment,
        tie: perceptronTie(),
      };
    }
    case 'alpha-lms': {
      const alpha = lr ?? DEFAULT_ALPHA_LMS;
      openRange(alpha, ALPHA_LMS_STABLE_RANGE.min, ALPHA_LMS_STABLE_RANGE.max, 'α', 'WL90 eq. 15');
      return { kind: 'lms', name, variant: 'alpha', step: alpha, tie: quantizerTie() };
    }
    case 'mu-lms': {
      if (lr === undefined) {
        throw new UserError('mu-lms needs lr = μ (its stable range 0 < μ < 1/trace R depends on the data)');
      }
      if (!(lr > 0)) throw new UserError(`μ = ${lr} must be > 0 (WL90 eq. 34: 0 < μ < 1/trace R)`);
      return { kind: 'lms', name, variant: 'mu', step: lr, tie: quantizerTie() };
    }
    case 'mri': {
      if (mad.correction === 'fast' && lr !== undefined) {
        throw new UserError(
          "MRI's fast correction adapts until the output reverses and takes no learning rate; " +
            "use correction 'slow' for an α-LMS step of size lr",
        );
      }
      const alpha = lr ?? DEFAULT_MRI_SLOW_ALPHA;
      openRange(alpha, ALPHA_LMS_STABLE_RANGE.min, ALPHA_LMS_STABLE_RANGE.max, 'α', 'WL90 eq. 15');
      if (!(mad.margin > 0)) throw new UserError(`MRI margin must be > 0, got ${mad.margin}`);
      return {
        kind: 'mri',
        name,
        correction: mad.correction,
        margin: mad.margin,
        alpha,
        element: mad.element,
        tie: quantizerTie(),
      };
    }
    case 'mrii': {
      const alpha = lr ?? DEFAULT_MRII_ALPHA;
      openRange(alpha, ALPHA_LMS_STABLE_RANGE.min, ALPHA_LMS_STABLE_RANGE.max, 'α', 'WL90 eq. 15');
      return { kind: 'mrii', name, alpha, maxTrialSize: mad.maxTrialSize, tie: quantizerTie() };
    }
  }
}

/** The effective `lr` of a resolved rule. */
export function ruleStep(rule: ResolvedRule): number {
  switch (rule.kind) {
    case 'perceptron':
      return rule.eta;
    case 'value-gain':
      return rule.increment;
    case 'lms':
      return rule.step;
    case 'mri':
      return rule.alpha;
    case 'mrii':
      return rule.alpha;
  }
}

/** Layer shapes (units × inputs) of a machine, in layer order. */
export function layerShapes(
  model: MachineModel,
  inputs: number,
  outputs: number,
  rule: RuleName,
  mark1?: Mark1Structure,
  madaline?: MadalineParams,
): { units: number; inputs: number }[] {
  switch (model) {
    case 'perceptron':
    case 'adaline':
      return [{ units: outputs, inputs }];
    case 'mark1':
      return [{ units: outputs, inputs: (mark1 ?? MARK1_DEFAULTS).aUnits }];
    case 'madaline': {
      const a = (madaline ?? { adalines: DEFAULT_MADALINE_ADALINES }).adalines;
      return rule === 'mrii'
        ? [
            { units: a, inputs },
            { units: outputs, inputs: a },
          ]
        : [{ units: outputs * a, inputs }];
    }
  }
}

/**
 * Check `init` against the expected shapes; throws a UserError naming the layer (1-based), what was
 * expected and what was found. `origin` names the source (a file).
 */
export function checkWeightsShape(
  init: unknown,
  shapes: readonly { units: number; inputs: number }[],
  origin = 'initial weights',
): WeightsJson {
  const fail = (where: string, expected: string, got: string): never => {
    throw new UserError(`${origin}: ${where}: expected ${expected}, got ${got}`);
  };
  const describe = (v: unknown): string =>
    Array.isArray(v) ? `an array of ${v.length}` : v === null ? 'null' : typeof v;
  if (typeof init !== 'object' || init === null || !Array.isArray((init as WeightsJson).layers)) {
    fail('top level', 'an object { "layers": [ { "weights": [[...]], "bias": [...] } ] }', describe(init));
  }
  const layers = (init as WeightsJson).layers;
  if (layers.length !== shapes.length) {
    fail('layers', `${shapes.length} layer(s)`, `${layers.length}`);
  }
  const out: LayerWeights[] = [];
  shapes.forEach((shape, l) => {
    const where = `layer ${l + 1}`;
    const layer = layers[l] as unknown as Record<string, unknown>;
    if (typeof layer !== 'object' || layer === null)
      fail(where, 'an object with weights and bias', describe(layer));
    const w = layer.weights;
    const b = layer.bias;
    if (!Array.isArray(w)) fail(`${where} weights`, `${shape.units} rows`, describe(w));
    const rows = w as unknown[];
    if (rows.length !== shape.units) {
      fail(`${where} weights`, `${shape.units} × ${shape.inputs} (units × inputs)`, `${rows.length} rows`);
    }
    rows.forEach((row, u) => {
      if (!Array.isArray(row) || row.length !== shape.inputs) {
        fail(
          `${where} weights`,
          `${shape.units} × ${shape.inputs} (units × inputs)`,
          `row ${u + 1} with ${Array.isArray(row) ? row.length : describe(row)} entries`,
        );
      }
      (row as unknown[]).forEach((v, i) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          fail(`${where} weights[${u}][${i}]`, 'a finite number', JSON.stringify(v) ?? String(v));
        }
      });
    });
    if (!Array.isArray(b) || b.length !== shape.units) {
      fail(`${where} bias`, `${shape.units} entries`, Array.isArray(b) ? `${b.length}` : describe(b));
    }
    (b as unknown[]).forEach((v, u) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        fail(`${where} bias[${u}]`, 'a finite number', JSON.stringify(v) ?? String(v));
      }
    });
    out.push({
      weights: (rows as number[][]).map((r) => r.slice()),
      bias: (b as number[]).slice(),
    });
  });
  return { layers: out };
}

function defaultRetina(inputs: number): { retinaWidth: number; retinaHeight: number } {
  const side = Math.round(Math.sqrt(inputs));
  return side * side === inputs
    ? { retinaWidth: side, retinaHeight: side }
    : { retinaWidth: inputs, retinaHeight: 1 };
}

/** Check and complete `options` for `model`. Throws a UserError for anything a user can get wrong. */
export function resolveMachineOptions(model: MachineModel, options: MachineOptions): ResolvedMachineOptions {
  if (!(MACHINE_MODELS as readonly string[]).includes(model)) parseMachineModel(model);
  positiveInt(options.inputs, 'inputs');
  positiveInt(options.outputs, 'outputs');
  const mad: MadalineParams = {
    adalines: options.madaline?.adalines ?? DEFAULT_MADALINE_ADALINES,
    element: options.madaline?.element ?? DEFAULT_MADALINE_ELEMENT,
    correction: options.madaline?.correction ?? 'fast',
    margin: options.madaline?.margin ?? DEFAULT_MRI_FAST_MARGIN,
    maxTrialSize: options.madaline?.maxTrialSize ?? 2,
  };
  if (model === 'madaline') {
    positiveInt(mad.adalines, 'madaline adalines');
    if (!LOGIC_ELEMENTS.includes(mad.element)) {
      throw new UserError(
        `unknown logic element '${mad.element}'${didYouMean(mad.element, LOGIC_ELEMENTS)}; expected ${LOGIC_ELEMENTS.join(', ')}`,
      );
    }
    if (!MRI_CORRECTIONS.includes(mad.correction)) {
      throw new UserError(
        `unknown MRI correction '${mad.correction}'; expected ${MRI_CORRECTIONS.join(', ')}`,
      );
    }
    if (mad.maxTrialSize !== 1 && mad.maxTrialSize !== 2) {
      throw new UserError(`MRII maxTrialSize must be 1 or 2, got ${mad.maxTrialSize}`);
    }
  }
  const rule = resolveRule(model, options, mad);

  let mark1: Mark1Structure | undefined;
  if (model === 'mark1') {
    const retina =
      options.mark1?.retinaWidth !== undefined || options.mark1?.retinaHeight !== undefined
        ? {
            retinaWidth: options.mark1?.retinaWidth ?? options.inputs / (options.mark1?.retinaHeight ?? 1),
            retinaHeight: options.mark1?.retinaHeight ?? options.inputs / (options.mark1?.retinaWidth ?? 1),
          }
        : defaultRetina(options.inputs);
    mark1 = { ...MARK1_DEFAULTS, ...options.mark1, ...retina, rUnits: options.outputs };
    checkMark1Structure(mark1);
    if (mark1.retinaWidth * mark1.retinaHeight !== options.inputs) {
      throw new UserError(
        `mark1: a ${mark1.retinaWidth}×${mark1.retinaHeight} retina has ${mark1.retinaWidth * mark1.retinaHeight} photocells but each pattern has ${options.inputs} inputs`,
      );
    }
  }

  const initRange = options.initRange ?? (model === 'madaline' ? DEFAULT_MADALINE_INIT_RANGE : 0);
  if (!(initRange >= 0) || !Number.isFinite(initRange)) {
    throw new UserError(`initRange must be a finite number ≥ 0, got ${initRange}`);
  }

  // The two forks happen for every model, in this order, so streams never depend on the model.
  const plugboardRng = options.rng.fork('plugboard');
  const weightsRng = options.rng.fork('weights');
  const board = mark1 ? wirePlugboard(plugboardParams(mark1), plugboardRng) : undefined;

  const shapes = layerShapes(model, options.inputs, options.outputs, rule.name, mark1, mad);
  const wiring = mark1;
  let initial: WeightsJson;
  if (options.init) {
    initial = checkWeightsShape(options.init, shapes, options.initSource);
    if (mark1) {
      const m = mark1;
      initial.layers[0].weights.forEach((row, u) => {
        const [lo, hi] = rUnitBlock(m, u);
        row.forEach((w, j) => {
          if (w !== 0 && (j < lo || j >= hi)) {
            throw new UserError(
              `${options.initSource ?? 'initial weights'}: layer 1 weights[${u}][${j}]: A-unit ${j} has no potentiometer to R-unit ${u} (arWiring 'partitioned' gives R-unit ${u} the A-units ${lo}…${hi - 1}); expected 0, got ${w}`,
            );
          }
        });
      });
    }
    if (mark1 && !mark1.rBias) {
      initial.layers[0].bias.forEach((b, u) => {
        if (b !== 0) {
          throw new UserError(
            `${options.initSource ?? 'initial weights'}: layer 1 bias[${u}]: the Mark I R-units have no bias (rBias false); expected 0, got ${b}`,
          );
        }
      });
    }
  } else {
    initial = {
      layers: shapes.map((s) => {
        const weights: number[][] = [];
        const bias: number[] = [];
        for (let u = 0; u < s.units; u++) {
          const row: number[] = [];
          for (let i = 0; i < s.inputs; i++)
            row.push(initRange > 0 ? weightsRng.uniform(-initRange, initRange) : 0);
          // A Mark I pot that does not exist holds nothing (drawn all the same, so the stream of
          // the weights that do exist does not depend on the wiring).
          if (wiring) {
            const [lo, hi] = rUnitBlock(wiring, u);
            for (let i = 0; i < s.inputs; i++) if (i < lo || i >= hi) row[i] = 0;
          }
          weights.push(row);
          bias.push(initRange > 0 ? weightsRng.uniform(-initRange, initRange) : 0);
        }
        return { weights, bias };
      }),
    };
  }
  return {
    model,
    inputs: options.inputs,
    outputs: options.outputs,
    rule,
    lr: ruleStep(rule),
    mark1,
    board,
    madaline: model === 'madaline' ? mad : undefined,
    initial,
    initGiven: options.init !== undefined,
    initRange,
    nonIdeal: options.nonIdeal ?? {},
  };
}
