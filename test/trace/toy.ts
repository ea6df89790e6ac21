// A tiny two-unit fixed-increment perceptron on 3×3 "retina" patterns: a stand-in for the machines in
// the trace tests (the trace layer must not depend on them). Non-integer η and random initial weights
// make the recorded doubles non-trivial.
import { Rng } from '../../src/rng.js';
import type { TraceWeights } from '../../src/trace/format.js';
import { TraceWriter } from '../../src/trace/writer.js';
import type { TraceHeaderInput, TraceStepInput, TraceResult } from '../../src/trace/writer.js';

export interface ToyConfig {
  epochs: number;
  eta: number;
  seed: number;
  shuffle: boolean;
  /** Simulated seconds per step. */
  stepSeconds: number;
}

export const TOY_DEFAULTS: ToyConfig = { epochs: 6, eta: 0.37, seed: 7, shuffle: true, stepSeconds: 0.0015 };

// prettier-ignore
export const TOY_PATTERNS: number[][] = [
  [1, 1, 1, 0, 1, 0, 0, 1, 0], // T
  [1, 0, 0, 1, 0, 0, 1, 1, 1], // L
  [1, 0, 1, 0, 1, 0, 1, 0, 1], // X
  [0, 1, 0, 1, 1, 1, 0, 1, 0], // +
  [1, 1, 1, 1, 0, 1, 1, 1, 1], // O
];
export const TOY_DESIRED: number[][] = [
  [1, -1],
  [-1, 1],
  [1, 1],
  [-1, -1],
  [1, -1],
];

export interface ToyHooks {
  onStep?: (s: TraceStepInput) => void;
  shouldStop?: () => boolean;
  initial?: (w: TraceWeights) => void;
}

function initialWeights(rng: Rng): TraceWeights {
  const wr = rng.fork('weights');
  return {
    layers: [
      {
        weights: [0, 1].map(() => TOY_PATTERNS[0].map(() => wr.uniform(-0.5, 0.5))),
        bias: [0, 1].map(() => wr.uniform(-0.5, 0.5)),
      },
    ],
  };
}

export function toyInitial(cfg: ToyConfig = TOY_DEFAULTS): TraceWeights {
  return initialWeights(Rng.fromSeed(cfg.seed));
}

/** Train; returns the weights after the last step run. Synchronous. */
export function toyRun(cfg: ToyConfig, hooks: ToyHooks = {}): { weights: TraceWeights; steps: number } {
  const run = toySteps(cfg, hooks);
  for (let r = run.next(); !r.done; r = run.next()) {
    // steps are reported through hooks
  }
  return run.result();
}

/** The training loop as a generator of steps, so async callers can pause between them. */
export function toySteps(cfg: ToyConfig, hooks: ToyHooks = {}) {
  const rng = Rng.fromSeed(cfg.seed);
  const w = initialWeights(rng);
  hooks.initial?.(structuredClone(w));
  const order = rng.fork('order');
  const L = w.layers[0];
  let step = 0;
  let stopped = false;
  function* gen(): Generator<number> {
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const idx = cfg.shuffle ? order.permutation(TOY_PATTERNS.length) : TOY_PATTERNS.map((_, i) => i);
      for (const p of idx) {
        if (hooks.shouldStop?.()) {
          stopped = true;
          return;
        }
        step++;
        const x = TOY_PATTERNS[p];
        const d = TOY_DESIRED[p];
        const sums = L.weights.map((row, u) => row.reduce((s, wi, i) => s + wi * x[i], L.bias[u]));
        const outputs = sums.map((s) => (s > 0 ? 1 : -1));
        const errors = d.map((di, u) => di - outputs[u]);
        const changes: TraceStepInput['changes'][number][] = [];
        errors.forEach((e, u) => {
          if (e === 0) return;
          const k = (cfg.eta * e) / 2;
          x.forEach((xi, i) => {
            if (xi === 0) return;
            L.weights[u][i] += k * xi;
            changes.push({ layer: 0, unit: u, input: i, after: L.weights[u][i] });
          });
          L.bias[u] += k;
          changes.push({ layer: 0, unit: u, input: -1, after: L.bias[u] });
        });
        hooks.onStep?.({
          step,
          epoch,
          pattern: p,
          time: step * cfg.stepSeconds,
          sums,
          outputs,
          desired: d,
          errors,
          mistake: errors.some((e) => e !== 0),
          changes,
        });
        yield step;
      }
    }
  }
  const g = gen();
  return {
    next: () => g.next(),
    result: () => ({ weights: structuredClone(w), steps: step, stopped }),
  };
}

export function toyHeader(cfg: ToyConfig = TOY_DEFAULTS): TraceHeaderInput {
  return {
    command: ['toy', '--seed', String(cfg.seed)],
    kind: 'toy',
    model: 'toy-perceptron',
    rule: 'fixed',
    config: { ...cfg },
    seed: cfg.seed,
    circuitHash: null,
    initial: toyInitial(cfg),
    inputShape: { width: 3, height: 3 },
    patterns: TOY_PATTERNS,
  };
}

/** Write the toy run's trace to `path` (optionally stopping after `stopAfter` steps, as if interrupted). */
export function writeToyTrace(path: string, cfg: ToyConfig = TOY_DEFAULTS, stopAfter?: number): TraceResult {
  const trace = TraceWriter.create(path, toyHeader(cfg));
  try {
    const { weights } = toyRun(cfg, {
      onStep: (s) => {
        trace.step(s);
        if (stopAfter !== undefined && s.step >= stopAfter) trace.requestStop();
      },
      shouldStop: () => trace.stopRequested,
    });
    return trace.finish({ final: weights });
  } catch (err) {
    trace.abort();
    throw err;
  }
}

/** Config from a trace header back to a ToyConfig (the re-run). */
export function toyConfigFrom(config: Record<string, unknown>): ToyConfig {
  return config as unknown as ToyConfig;
}
