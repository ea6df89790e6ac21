/**
 * The suite's scikit-learn fixtures for the MLP and the perceptron (dense engine and rules) with
 * WebAssembly switched off, as on a platform without WebAssembly SIMD: the JavaScript kernels alone
 * must meet the same 1e-9. The switch is set before the fixture tests' modules load (vitest runs
 * each test file in its own module graph, so other files keep WebAssembly on).
 */
import { expect, it } from 'vitest';
import { simdAvailable } from '../../src/backprop/simd.js';
import { setWasmEnabled, wasmEnabled } from '../../src/wasm/assembler.js';
import { float64Matrix } from '../../src/wasm/perceptron.js';

setWasmEnabled(false);
await import('../backprop/sklearn.test.js');
await import('../rules/sklearn-oracle.test.js');
await import('./sklearn-perceptron.test.js');

it('runs with WebAssembly off: no kernel module, data in ordinary memory', () => {
  expect(wasmEnabled()).toBe(false);
  expect(simdAvailable()).toBe(false);
  expect(float64Matrix(2, 2).buffer.byteLength).toBe(32);
});
