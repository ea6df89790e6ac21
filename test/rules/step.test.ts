/**
 * The one learning step (src/rules/step.ts), directly and through both engines.
 *
 * engines-agree shows the engines give the same steps; it cannot see a fault in the function they
 * share. Here each engine's steps are judged against the definitions written out by hand (a sum's
 * response, the error, the mistake), so breaking the step function (for example ADALINE's mistake
 * test) fails both engines' cases below.
 */
import { describe, expect, it } from 'vitest';
import { createDenseMachine } from '../../src/machines/create-dense.js';
import { createEventMachine } from '../../src/machines/index.js';
import type { MachineOptions } from '../../src/machines/options.js';
import type { LearningStep, MachineModel, RuleName } from '../../src/machines/types.js';
import { Rng } from '../../src/rng.js';
import { learningStep, RULE_NAMES, type StepRule } from '../../src/rules/index.js';

/** A threshold unit's response to sum s under a zero-sum convention (perceptron.ts, by hand). */
function response(s: number, tie: 'error' | 'negative' | 'positive'): number {
  if (s !== 0) return s > 0 ? 1 : -1;
  return tie === 'error' ? 0 : tie === 'positive' ? 1 : -1;
}

function bipolar(seed: number, n: number, inputs: number, outputs: number) {
  const rng = Rng.fromSeed(`step${seed}`);
  const sign = () => (rng.next() < 0.5 ? -1 : 1);
  const x = Array.from({ length: n }, () => Array.from({ length: inputs }, sign));
  const d = x.map(() => Array.from({ length: outputs }, sign));
  return { x, d };
}

/** ±1 inputs with regression targets (±0.5, ±1.5): ADALINE's quantized d is not d itself. */
function regression(seed: number, n: number) {
  const { x } = bipolar(seed, n, 4, 2);
  const d = x.map((r) => [0.5 * r[0] + r[1] * (r[2] > 0 ? 1 : 0), -0.5 * r[3]]);
  return { x, d };
}

function steps(
  engine: 'event' | 'dense',
  model: MachineModel,
  rule: RuleName,
  extra: Partial<MachineOptions>,
  data: { x: number[][]; d: number[][] } = bipolar(1, 8, 4, 2),
) {
  const options: MachineOptions = { inputs: 4, outputs: 2, rule, rng: Rng.fromSeed(3), ...extra };
  const m = engine === 'event' ? createEventMachine(model, options) : createDenseMachine(model, options);
  const out: LearningStep[] = [];
  let n = 0;
  for (let epoch = 1; epoch <= 2; epoch++)
    for (let p = 0; p < data.x.length; p++)
      out.push(m.present(data.x[p], data.d[p], { step: ++n, epoch, pattern: p }));
  return out;
}

describe('learningStep', () => {
  it('lists every rule once, as the options and the adapter do', () => {
    expect(new Set(RULE_NAMES).size).toBe(8);
  });

  it('ADALINE: the error is d − s, the mistake the quantized response against the quantized d', () => {
    const rule: StepRule = { kind: 'lms', name: 'alpha-lms', variant: 'alpha', step: 0.5, tie: 'negative' };
    const layout = { bias: true, unitInputs: 2 };
    const step = (x: number[], d: number) => {
      const seen: number[] = [];
      const w = Float64Array.from([0.5, -0.25, 0.125]);
      const r = learningStep(rule, [[w]], x, [d], layout, (l, u, c) => seen.push(l, u, c.length));
      return { ...r, seen };
    };
    // s = 0.5 − 0.25 + 0.125 = 0.375 > 0: response +1.
    const wrong = step([1, 1], -1);
    expect(wrong).toEqual({ sums: [0.375], outputs: [1], errors: [-1.375], mistake: true, seen: [0, 0, 3] });
    // The same sum against d = +1: right, though the linear error 0.625 still moves every weight.
    const right = step([1, 1], 1);
    expect(right).toEqual({ sums: [0.375], outputs: [1], errors: [0.625], mistake: false, seen: [0, 0, 3] });
    // s = −0.5 − 0.25 + 0.125 < 0 against d = 0.5 (a regression target): quantized d is +1, a mistake.
    expect(step([-1, 1], 0.5).mistake).toBe(true);
  });

  for (const engine of ['event', 'dense'] as const) {
    it(`${engine} engine: ADALINE steps judged as the definition says`, () => {
      for (const rule of ['alpha-lms', 'mu-lms'] as const) {
        const all = steps(engine, 'adaline', rule, { lr: rule === 'mu-lms' ? 0.02 : 0.3 }, regression(2, 8));
        expect(all.some((s) => s.mistake)).toBe(true);
        expect(all.some((s) => !s.mistake)).toBe(true);
        for (const s of all) {
          const y = s.sums.map((v) => (v > 0 ? 1 : -1));
          expect(s.outputs).toEqual(y);
          expect(s.errors).toEqual(s.desired.map((d, k) => d - s.sums[k]));
          const q = s.desired.map((d) => (d > 0 ? 1 : -1));
          expect(s.mistake).toBe(y.some((v, k) => v !== q[k]));
        }
      }
    });

    it(`${engine} engine: perceptron steps judged as the definition says, for every tie`, () => {
      for (const tie of ['error', 'negative', 'positive'] as const) {
        const all = steps(engine, 'perceptron', 'fixed', { tie });
        expect(all.some((s) => s.sums.includes(0))).toBe(true);
        for (const s of all) {
          const y = s.sums.map((v) => response(v, tie));
          expect(s.outputs).toEqual(y);
          expect(s.errors).toEqual(s.desired.map((d, k) => d - y[k]));
          expect(s.mistake).toBe(y.some((v, k) => v !== s.desired[k]));
          // Fixed increment: a unit changes exactly when it was wrong.
          const changed = new Set(s.changes.map((c) => c.unit));
          y.forEach((v, k) => expect(changed.has(k)).toBe(v !== s.desired[k]));
        }
      }
    });

    it(`${engine} engine: MADALINE steps judged on the element's output`, () => {
      for (const rule of ['mri', 'mrii'] as const) {
        for (const s of steps(engine, 'madaline', rule, {})) {
          expect(s.errors).toEqual(s.desired.map((d, k) => d - s.outputs[k]));
          expect(s.mistake).toBe(s.outputs.some((v, k) => v !== s.desired[k]));
        }
      }
    });
  }
});
