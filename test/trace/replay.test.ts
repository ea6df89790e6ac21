import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { renderCurve, renderSummary, showSteps, summarizeTrace, weightsAt } from '../../src/trace/replay.js';
import { VerifyMismatchError, registerRerun, unregisterRerun, verifyTrace } from '../../src/trace/verify.js';
import type { RerunContext } from '../../src/trace/verify.js';
import { tempDir } from '../helpers/cli.js';
import { TOY_DEFAULTS, toyConfigFrom, toyRun, writeToyTrace } from './toy.js';

function weightsAfter(steps: number, cfg = TOY_DEFAULTS) {
  let count = 0;
  return toyRun(cfg, { shouldStop: () => count >= steps, onStep: () => count++ }).weights;
}

const toyRerun = (ctx: RerunContext) => {
  toyRun(toyConfigFrom(ctx.header.config), {
    onStep: ctx.onStep,
    shouldStop: ctx.shouldStop,
    initial: ctx.initial,
  });
};

describe('replay --at', () => {
  it('equals the weights of a run stopped after N steps, for several N', () => {
    const file = join(tempDir(), 't.jsonl');
    writeToyTrace(file);
    for (const n of [0, 1, 2, 5, 13, 29, 30]) {
      expect(weightsAt(file, n).weights).toEqual(weightsAfter(n));
    }
    expect(() => weightsAt(file, 31)).toThrow(/no step 31: it has 30 steps/);
  });
});

describe('replay summary', () => {
  it('says what ran, when it converged and the learning curve', () => {
    const file = join(tempDir(), 't.jsonl');
    writeToyTrace(file);
    const s = summarizeTrace(file);
    expect(s.steps).toBe(30);
    expect(s.epochs).toHaveLength(6);
    const first = s.epochs.findIndex((e) => e.errors === 0);
    expect(s.converged).toEqual({ epoch: first + 1, step: (first + 1) * 5 });
    const text = renderSummary(s);
    expect(text).toContain('model    toy-perceptron   rule fixed');
    expect(text).toContain(`converged in epoch ${first + 1}`);
    expect(text).toContain('learning curve');
    expect(text).toMatch(/█/);
  });

  it('shows the partial epoch of an interrupted run', () => {
    const file = join(tempDir(), 't.jsonl');
    writeToyTrace(file, TOY_DEFAULTS, 8);
    const s = summarizeTrace(file);
    expect(s.check.status).toBe('interrupted');
    expect(s.epochs.map((e) => [e.epoch, e.steps, e.partial])).toEqual([
      [1, 5, false],
      [2, 3, true],
    ]);
    expect(renderCurve(s.epochs)).toContain('(partial)');
  });

  it('--show draws the retina, sums, outputs against desired and the weights that moved', () => {
    const file = join(tempDir(), 't.jsonl');
    writeToyTrace(file);
    let out = '';
    const { shown } = showSteps(file, 2, 3, (t) => (out += t));
    expect(shown).toBe(2);
    expect(out).toMatch(/── step 2 · epoch 1 · pattern \d · t = 0\.003 s/);
    expect(out).toContain('██');
    expect(out).toMatch(/unit 0: sum \S+ {2}output -?1 {2}desired -?1 [✓✗]/);
    expect(out).toMatch(/layer 0 unit \d (w\d|bias): \S+ → \S+ \([+-]0\.37\)/);
  });
});

describe('replay --verify', () => {
  afterEach(() => unregisterRerun('toy'));

  it('passes when the re-run reproduces every step', async () => {
    registerRerun('toy', toyRerun);
    const file = join(tempDir(), 't.jsonl');
    writeToyTrace(file);
    const r = await verifyTrace(file);
    expect(r.divergence).toBeNull();
    expect(r.steps).toBe(30);
  });

  it('stops the re-run at the last step of an interrupted or truncated trace', async () => {
    registerRerun('toy', toyRerun);
    const dir = tempDir();
    writeToyTrace(join(dir, 'i.jsonl'), TOY_DEFAULTS, 11);
    expect(await verifyTrace(join(dir, 'i.jsonl'))).toMatchObject({ steps: 11, divergence: null });
    const full = readFileSync(join(dir, 'i.jsonl'));
    writeFileSync(join(dir, 'cut.jsonl'), full.subarray(0, full.indexOf('"step":9,') + 30));
    expect(await verifyTrace(join(dir, 'cut.jsonl'))).toMatchObject({ steps: 8, divergence: null });
  });

  it('names the step, the field, the recorded and the recomputed value at the first divergence', async () => {
    // The re-run differs in η from step 1's correction on: step 2's sums are the first thing to differ.
    registerRerun('toy', (ctx) =>
      toyRun(
        { ...toyConfigFrom(ctx.header.config), eta: 0.36 },
        { onStep: ctx.onStep, shouldStop: ctx.shouldStop },
      ),
    );
    const file = join(tempDir(), 't.jsonl');
    writeToyTrace(file);
    const r = await verifyTrace(file);
    expect(r.divergence).toMatchObject({ step: 1, field: 'changes[0].after (layer 0 unit 0 input 0)' });
    const err = new VerifyMismatchError(file, r.divergence!);
    expect(err.exitCode).toBe(3);
    expect(err.message).toMatch(
      /diverges at step 1: changes\[0\]\.after \(layer 0 unit 0 input 0\): recorded \S+, recomputed \S+/,
    );
  });

  it('reports a re-run with a different seed, one that ends early, and different initial weights', async () => {
    const file = join(tempDir(), 't.jsonl');
    writeToyTrace(file);
    registerRerun('toy', (ctx) =>
      toyRun({ ...toyConfigFrom(ctx.header.config), seed: 8 }, { onStep: ctx.onStep, initial: ctx.initial }),
    );
    expect((await verifyTrace(file)).divergence).toMatchObject({ step: 0 });
    registerRerun('toy', (ctx) =>
      toyRun({ ...toyConfigFrom(ctx.header.config), epochs: 2 }, { onStep: ctx.onStep }),
    );
    expect((await verifyTrace(file)).divergence).toMatchObject({
      step: 11,
      recomputed: 'the re-run ended after step 10',
    });
    registerRerun('toy', (ctx) =>
      toyRun({ ...toyConfigFrom(ctx.header.config), epochs: 7 }, { onStep: ctx.onStep }),
    );
    expect((await verifyTrace(file)).divergence).toMatchObject({
      step: 31,
      recorded: 'the trace ends after step 30',
    });
  });

  it('is bad input when no re-run is registered for the kind', async () => {
    const file = join(tempDir(), 't.jsonl');
    writeToyTrace(file);
    await expect(verifyTrace(file)).rejects.toThrow(UserError);
    await expect(verifyTrace(file)).rejects.toThrow(/no re-run is registered for traces of kind 'toy'/);
  });
});
