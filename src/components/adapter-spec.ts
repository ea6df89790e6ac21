/**
 * The adapter's component description: its parameters with units, defaults and ranges, its pins,
 * and how a circuit file creates one (the part itself is adapter.ts).
 */
import { RULE_NAMES } from '../rules/step.js';
import { Adapter, adapterPins } from './adapter.js';
import { defineComponent, MAX_ADAPTER_WEIGHTS, MAX_COMPONENT_PINS, paramSpecs } from './params.js';
import type { ParamsOf } from './spec.js';

/** The parameters of an adapter, as a circuit file states them. */
export const ADAPTER_PARAMS = paramSpecs({
  rule: {
    kind: 'string',
    unit: '1',
    default: 'fixed',
    oneOf: RULE_NAMES,
    doc: 'Learning rule (docs/rules.md).',
  },
  size: {
    kind: 'integer',
    unit: '1',
    default: 1,
    min: 1,
    max: MAX_COMPONENT_PINS,
    doc: 'Inputs per first-layer unit (pins `in0`…).',
  },
  units: {
    kind: 'integer',
    unit: '1',
    default: 1,
    min: 1,
    max: MAX_COMPONENT_PINS,
    doc: 'First-layer adaptive units.',
  },
  outputs: {
    kind: 'integer',
    unit: '1',
    default: 1,
    min: 1,
    max: MAX_COMPONENT_PINS,
    doc: 'Desired-response inputs `d0`… and meters `err0`… (MRI: one fixed element per output, `units`/`outputs` ADALINEs each; MRII: output-layer units).',
  },
  bias: {
    kind: 'boolean',
    unit: '1',
    default: true,
    doc: 'Whether each unit’s last weight is a bias on +1.',
  },
  partitioned: {
    kind: 'boolean',
    unit: '1',
    default: false,
    doc: 'Perceptron and value-gain rules: each unit has weights only for its own equal block of consecutive inputs (the Mark I with one pot per A-unit); its other inputs count as 0 for it.',
  },
  lr: {
    kind: 'number',
    unit: '1',
    default: 1,
    exclusiveMin: 0,
    doc: 'η (perceptron), α (α-LMS, MRI slow, MRII), μ (μ-LMS) or δ (value gain).',
  },
  tie: {
    kind: 'string',
    unit: '1',
    default: 'error',
    oneOf: ['error', 'negative', 'positive'],
    doc: 'Zero-sum convention (perceptron rules); the quantizer rules read `error` as `negative`.',
  },
  element: {
    kind: 'string',
    unit: '1',
    default: 'and',
    oneOf: ['and', 'or', 'maj'],
    doc: 'MRI: the fixed output element.',
  },
  correction: {
    kind: 'string',
    unit: '1',
    default: 'fast',
    oneOf: ['fast', 'slow'],
    doc: 'MRI: full correction past zero (`fast`) or one α-LMS step (`slow`).',
  },
  margin: {
    kind: 'number',
    unit: '1',
    default: 0.1,
    exclusiveMin: 0,
    doc: 'MRI fast correction: target |sum| past zero (our choice, docs/rules.md).',
    assumption: true,
  },
  trialSize: {
    kind: 'integer',
    unit: '1',
    default: 2,
    min: 1,
    max: 2,
    doc: 'MRII: largest group of hidden units trial-inverted together (singles, then pairs).',
  },
  mode: {
    kind: 'string',
    unit: '1',
    default: 'parallel',
    oneOf: ['parallel', 'sequential'],
    doc: '`parallel`: all weights move at once; `sequential`: one after another.',
  },
  adjustTime: {
    kind: 'number',
    unit: 's',
    default: 0,
    min: 0,
    doc: 'Decision time before the corrections (parallel), or before each weight (sequential).',
    assumption: true,
  },
});

/** Validated, defaulted parameters (what the part is built from). */
export type AdapterParams = ParamsOf<typeof ADAPTER_PARAMS>;

export const adapterSpec = defineComponent({
  type: 'adapter',
  doc:
    'The teacher and error meter: on a rising edge of `teach` (> 0.5) it reads the pattern on ' +
    '`in0`…, the desired responses on `d0`… and the weights of the adjustable parts the machine ' +
    'builder attached (motor-driven pots, memistors), applies one learning rule from src/rules ' +
    '(perceptron fixed/absolute, α-LMS, μ-LMS, Rosenblatt’s value gain, MRI, MRII), shows the error ' +
    'on `err0`… and commands every weight the rule changed. Corrections start `adjustTime` after ' +
    'the edge, all at once (`parallel`: motors, plating drivers) or one after another, each ' +
    '`adjustTime` after the previous one stopped (`sequential`: an operator at the knobs).',
  params: ADAPTER_PARAMS,
  pins: adapterPins,
  check: (p) =>
    (p.size + 1) * p.units > MAX_ADAPTER_WEIGHTS
      ? [
          [
            'size',
            `(size + 1) × units must be at most ${MAX_ADAPTER_WEIGHTS} weights, got ${(p.size + 1) * p.units}`,
          ],
        ]
      : [],
  build: (id, params) => new Adapter(id, params),
});
