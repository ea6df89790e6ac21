import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { canonicalJson, numberText, recordedNumber } from '../../src/trace/format.js';
import { TraceReader, checkTrace } from '../../src/trace/reader.js';
import { MemorySink, TraceWriter, hashDescription } from '../../src/trace/writer.js';
import { tempDir } from '../helpers/cli.js';
import { TOY_DEFAULTS, toyHeader, toyRun, writeToyTrace } from './toy.js';

describe('trace writer', () => {
  it('writes byte-identical files for the same run', () => {
    const dir = tempDir();
    writeToyTrace(join(dir, 'a.jsonl'));
    writeToyTrace(join(dir, 'b.jsonl'));
    const a = readFileSync(join(dir, 'a.jsonl'));
    expect(a.equals(readFileSync(join(dir, 'b.jsonl')))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.jsonl', 'b.jsonl']);
    // and a different seed gives a different file
    writeToyTrace(join(dir, 'c.jsonl'), { ...TOY_DEFAULTS, seed: 8 });
    expect(a.equals(readFileSync(join(dir, 'c.jsonl')))).toBe(false);
  });

  it('closes with the SHA-256 of every byte before the closing line, and chains every line', () => {
    const dir = tempDir();
    const file = join(dir, 't.jsonl');
    const result = writeToyTrace(file);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    const endLine = lines.pop()!;
    const before = lines.map((l) => l + '\n').join('');
    const digest = createHash('sha256').update(before).digest('hex');
    const end = JSON.parse(endLine);
    expect(end).toEqual({ type: 'end', steps: 30, epochs: 6, status: 'complete', digest });
    expect(result.digest).toBe(digest);
    let prefix = lines[0] + '\n';
    for (const l of lines.slice(1)) {
      const rec = JSON.parse(l);
      expect(rec.chain).toBe(createHash('sha256').update(prefix).digest('hex').slice(0, 16));
      // The seal covers the line itself too (without its own seal).
      const body = l.slice(0, l.length - `,"seal":"${rec.seal}"}`.length) + '}';
      expect(rec.seal).toBe(
        createHash('sha256')
          .update(prefix + body)
          .digest('hex')
          .slice(0, 16),
      );
      prefix += l + '\n';
    }
    const header = JSON.parse(lines[0]);
    expect(Object.keys(header).slice(0, 4)).toEqual(['type', 'format', 'version', 'program']);
    expect(header).toMatchObject({
      format: 'perceptron-sim-trace',
      version: '1.2',
      rng: 'seedrandom-alea',
      seed: 7,
    });
    expect(text).not.toMatch(/20\d\d-\d\d-\d\d/); // no dates or wall times
    expect(checkTrace(file).check.integrity).toBe('ok');
  });

  it('records steps and epochs as the run reported them', () => {
    const sink = new MemorySink();
    const w = new TraceWriter(sink, toyHeader());
    const steps: unknown[] = [];
    const { weights } = toyRun(TOY_DEFAULTS, {
      onStep: (s) => {
        w.step(s);
        steps.push(s);
      },
    });
    w.finish({ final: weights });
    expect(sink.committed).toBe(true);
    const recs = sink
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const stepRecs = recs.filter((r) => r.type === 'step');
    expect(stepRecs).toHaveLength(30);
    const first = steps[0] as { changes: { layer: number; unit: number; input: number; after: number }[] };
    expect(stepRecs[0].changes).toEqual(first.changes.map((c) => [c.layer, c.unit, c.input, c.after]));
    const epochs = recs.filter((r) => r.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(epochs.map((e) => e.steps)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(epochs[0].errors).toBe(stepRecs.slice(0, 5).filter((s) => s.mistake).length);
  });

  it('keeps -0 and non-finite values exactly', () => {
    for (const v of [-0, 0, NaN, Infinity, -Infinity, 0.1 + 0.2, 1e-320, -1.7976931348623157e308]) {
      const back = recordedNumber(JSON.parse(numberText(v)));
      expect(Object.is(back, v)).toBe(true);
    }
    expect(canonicalJson({ b: [1, -0], a: { d: null, c: 'x' } })).toBe('{"a":{"c":"x","d":null},"b":[1,-0]}');
    const dir = tempDir();
    const file = join(dir, 'odd.jsonl');
    const header = { ...toyHeader(), initial: { layers: [{ weights: [[0, Infinity]], bias: [-0] }] } };
    const w = TraceWriter.create(file, header);
    w.step({
      step: 1,
      epoch: 1,
      time: 0,
      pattern: [0, 1],
      sums: [NaN],
      outputs: [-0],
      desired: [1],
      errors: [Infinity],
      loss: 0.5,
      changes: [
        { layer: 0, unit: 0, input: 0, after: -0 },
        { layer: 0, unit: 0, input: -1, after: -Infinity },
      ],
    });
    w.finish();
    const r = new TraceReader(file);
    expect(Object.is(r.header.initial.layers[0].bias[0], -0)).toBe(true);
    expect(r.header.initial.layers[0].weights[0][1]).toBe(Infinity);
    const rec = r.next();
    expect(rec?.type).toBe('step');
    if (rec?.type !== 'step') return;
    expect(rec.step.pattern).toEqual([0, 1]);
    expect(rec.step.sums[0]).toBeNaN();
    expect(Object.is(rec.step.outputs[0], -0)).toBe(true);
    expect(rec.step.loss).toBe(0.5);
    expect(r.lastBefore).toEqual([0, -0]);
    expect(Object.is(r.weights.view().layers[0].weights[0][0], -0)).toBe(true);
    expect(r.weights.view().layers[0].bias[0]).toBe(-Infinity);
    expect(r.check().integrity).toBe('ok');
  });

  it('closes an interrupted run at the last complete step, without a summary of the partial epoch', () => {
    const dir = tempDir();
    const file = join(dir, 'i.jsonl');
    const res = writeToyTrace(file, TOY_DEFAULTS, 7);
    expect(res).toMatchObject({ steps: 7, status: 'interrupted', epochs: 1 });
    const { check } = checkTrace(file);
    expect(check).toMatchObject({ integrity: 'ok', status: 'interrupted', steps: 7, lastEpoch: 2 });
  });

  it('refuses an output path in a missing folder before any work, leaving nothing behind', () => {
    const dir = tempDir();
    expect(() => TraceWriter.create(join(dir, 'missing', 't.jsonl'), toyHeader())).toThrow(UserError);
    expect(() => TraceWriter.create(join(dir, 'missing', 't.jsonl'), toyHeader())).toThrow(/does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('abort leaves no file, and nothing at the target', () => {
    const dir = tempDir();
    const w = TraceWriter.create(join(dir, 't.jsonl'), toyHeader());
    w.abort();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(dir, 't.jsonl'))).toBe(false);
  });

  it('writes an epoch 0 line before training when asked, and explicit epoch figures', () => {
    const sink = new MemorySink();
    const w = new TraceWriter(sink, toyHeader());
    w.endEpoch({ epoch: 0, errors: 3, loss: 0.9 });
    toyRun({ ...TOY_DEFAULTS, epochs: 1 }, { onStep: (s) => w.step(s) });
    w.endEpoch({ epoch: 1, loss: 0.25 });
    w.finish();
    const recs = sink
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const epochs = recs.filter((r) => r.type === 'epoch');
    expect(epochs.map((e) => [e.epoch, e.steps, e.errors, e.loss])).toEqual([
      [0, 0, 3, 0.9],
      [1, 5, epochs[1].errors, 0.25],
    ]);
    expect(() => w.step({ ...recs[1], step: 6 })).toThrow(/after finish/);
  });

  it('hashes circuit descriptions canonically', () => {
    expect(hashDescription({ a: 1, b: 2 })).toBe(hashDescription({ b: 2, a: 1 }));
    expect(hashDescription('text')).toBe(createHash('sha256').update('text').digest('hex'));
  });
});
