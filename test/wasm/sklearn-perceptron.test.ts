/**
 * scikit-learn's Perceptron fixtures (test/fixtures/rules/perceptron-sklearn.json) through the dense
 * engine with the data in WebAssembly memory (`float64Matrix`), so the WebAssembly epoch trains
 * them (when WebAssembly is on): the same 1e-9 as the JavaScript path in test/dense/engine.test.ts.
 * test/wasm/fixtures-without-wasm.test.ts runs this file again with WebAssembly off.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDenseMachine } from '../../src/machines/create-dense.js';
import { trainMachine } from '../../src/machines/train.js';
import { Rng } from '../../src/rng.js';
import { wasmEnabled } from '../../src/wasm/assembler.js';
import { epochPlan, float64Matrix } from '../../src/wasm/perceptron.js';

interface PerceptronCase {
  name: string;
  params: { eta0: number; max_iter: number };
  X: number[][];
  y: (number | string)[];
  classes: (number | string)[];
  coef: number[][];
  intercept: number[];
}

const cases = (
  JSON.parse(readFileSync(new URL('../fixtures/rules/perceptron-sklearn.json', import.meta.url), 'utf8')) as {
    cases: PerceptronCase[];
  }
).cases;

describe(`dense perceptron, data in WebAssembly memory (WebAssembly ${wasmEnabled() ? 'on' : 'off'}) = scikit-learn`, () => {
  for (const c of cases) {
    it(c.name, () => {
      const inputs = c.X[0].length;
      const matrix = float64Matrix(c.X.length, inputs);
      c.X.forEach((row, k) => matrix.set(row, k * inputs));
      const x = c.X.map((_, k) => matrix.subarray(k * inputs, (k + 1) * inputs));
      // With WebAssembly on, the epochs do run there.
      expect(epochPlan(x, [0], inputs) !== null).toBe(wasmEnabled());
      const units = c.classes.length === 2 ? [c.classes[1]] : c.classes;
      const m = createDenseMachine('perceptron', {
        inputs,
        outputs: units.length,
        rule: 'fixed',
        lr: c.params.eta0,
        tie: 'error',
        rng: Rng.fromSeed(0),
      });
      const d = c.y.map((v) => units.map((u) => (v === u ? 1 : -1)));
      trainMachine(m, { x, d }, { epochs: c.params.max_iter, shuffle: false, rule: 'fixed' });
      const layer = m.weights().layers[0];
      units.forEach((_, k) => {
        const ours = [...layer.weights[k], layer.bias[k]];
        const theirs = [...c.coef[k], c.intercept[k]];
        const scale = Math.max(...theirs.map(Math.abs), Number.MIN_VALUE);
        ours.forEach((v, i) =>
          expect(Math.abs(v - theirs[i]), `unit ${k}[${i}]`).toBeLessThanOrEqual(1e-9 * scale),
        );
      });
    });
  }
});
