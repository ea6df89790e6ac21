// Fuzz suite over every reader (issue 17): CSV, circuit, stimulus, weights, trace, sweep rows and the
// --set/--grid values. Most cases run in-process through the reader functions and the CLI's exit-code
// classification (a UserError exits with its code, anything else is a bug: 1); a few dozen run the
// real CLI. Fixed seed, bounded runs: the whole file stays well under the 45 s budget on an idle machine.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Mlp } from '../../src/backprop/mlp.js';
import { parseNumber } from '../../src/cli/options.js';
import { parseCsv } from '../../src/data/csv.js';
import { UserError } from '../../src/errors.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { resolveParams } from '../../src/experiments/run.js';
import { parseSetOption, validateCircuit } from '../../src/netlist/load.js';
import { validateStimulus } from '../../src/netlist/stimulus.js';
import { parseGrid, parseSeeds } from '../../src/sweep/plan.js';
import { mergeSweepFiles } from '../../src/sweep/sweep.js';
import { checkTrace } from '../../src/trace/reader.js';
import { parseJson } from '../../src/util/json-file.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { TOY_DEFAULTS, writeToyTrace } from '../trace/toy.js';

const SEED = 17;
const RUNS = 150;
const cfg = (numRuns = RUNS) => ({ seed: SEED, numRuns });

/** The CLI's classification: the exit code a thrown value would give (0 when nothing is thrown). */
function exitCodeOf(fn: () => unknown): number {
  try {
    fn();
    return 0;
  } catch (err) {
    return err instanceof UserError ? err.exitCode : 1;
  }
}

/** Bad input or fine, never a bug; rethrows a bug so fast-check reports it with its input. */
function userOutcome(fn: () => unknown): number {
  try {
    fn();
    return 0;
  } catch (err) {
    if (err instanceof UserError) return err.exitCode;
    throw err;
  }
}

const CIRCUIT = readFileSync(new URL('../../circuits/examples/majority3.json', import.meta.url), 'utf8');
const STIMULUS = readFileSync(
  new URL('../../circuits/examples/adaline-fixed.stimulus.json', import.meta.url),
  'utf8',
);

/** Text mutations: cut, insert, replace, with hostile pieces (escapes, nesting, huge numbers, keys). */
const HOSTILE = [
  '[',
  '{',
  '"',
  '\\',
  '\u001b]52;c;eA==\u0007',
  '\u0000',
  '\uffff',
  '1e400',
  '-0',
  '1e-320',
  '0x10',
  'NaN',
  '"__proto__"',
  '"constructor"',
  '"toString"',
  ':',
  ',',
  '100000000',
  '[['.repeat(300),
];
const mutate = (base: string) =>
  fc
    .array(
      fc.tuple(
        fc.nat({ max: base.length }),
        fc.nat({ max: 8 }),
        fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 })),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((edits) => {
      let t = base;
      for (const [at, cut, piece] of edits) {
        const i = Math.min(at, t.length);
        t = t.slice(0, i) + piece + t.slice(i + cut);
      }
      return t;
    });

/** JSON values with prototype-member keys and extreme numbers among the ordinary ones. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1, -1, 0.5),
    fc.string({ maxLength: 8 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'toString', 'inputs', 'id', 'type', 'time'),
        fc.string({ maxLength: 5 }),
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

let dir: string;
let trace: string;
const okCircuit = () => validateCircuit(JSON.parse(CIRCUIT), 'c.json');

beforeAll(() => {
  dir = tempDir('psim-fuzz-');
  trace = join(dir, 'good.jsonl');
  writeToyTrace(trace, { ...TOY_DEFAULTS, epochs: 2 });
});

describe('fuzz: in-process readers give exit 0 or 2, never a bug', () => {
  it('circuit files: mutated text and hostile JSON', () => {
    fc.assert(
      fc.property(mutate(CIRCUIT), (text) => {
        expect([0, 2]).toContain(userOutcome(() => validateCircuit(parseJson(text, 'c.json'), 'c.json')));
      }),
      cfg(),
    );
    fc.assert(
      fc.property(hostileJson, (doc) => {
        expect([0, 2]).toContain(userOutcome(() => validateCircuit(doc, 'c.json')));
        expect([0, 2]).toContain(userOutcome(() => validateCircuit({ components: [doc] }, 'c.json')));
      }),
      cfg(),
    );
  });

  it('stimulus files against a valid circuit', () => {
    const c = okCircuit();
    fc.assert(
      fc.property(mutate(STIMULUS), hostileJson, (text, doc) => {
        expect([0, 2]).toContain(userOutcome(() => validateStimulus(parseJson(text, 's.json'), 's.json', c)));
        expect([0, 2]).toContain(userOutcome(() => validateStimulus({ events: [doc] }, 's.json', c)));
      }),
      cfg(),
    );
  });

  it('CSV text with hostile cells', () => {
    const cell = fc.oneof(
      fc.constantFrom(
        '1',
        '-1',
        '0.5',
        '1e400',
        'NaN',
        '0x10',
        '',
        '"',
        '""',
        'a,b',
        '\u001b[2J',
        '\r',
        ' 1 ',
      ),
      fc.string({ maxLength: 5 }),
    );
    const csv = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 6 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    fc.assert(
      fc.property(csv, fc.boolean(), (text, regression) => {
        expect([0, 2]).toContain(
          userOutcome(() => parseCsv(text, 'f.csv', { task: regression ? 'regression' : 'classification' })),
        );
      }),
      cfg(),
    );
  });

  it('--init weights for an MLP', () => {
    const valid = { layers: [{ weights: [[0.1, 0.2]], bias: [0] }] };
    fc.assert(
      fc.property(hostileJson, mutate(JSON.stringify(valid)), (doc, text) => {
        const spec = { inputs: 2, hidden: [], outputs: 1 };
        expect([0, 2]).toContain(userOutcome(() => Mlp.fromWeights(spec, doc, 'w.json')));
        expect([0, 2]).toContain(
          userOutcome(() => Mlp.fromWeights(spec, parseJson(text, 'w.json'), 'w.json')),
        );
      }),
      cfg(),
    );
  });

  it('traces: lines dropped, duplicated, swapped or replaced by hostile JSON', () => {
    const lines = readFileSync(trace, 'utf8').split('\n').slice(0, -1);
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat({ max: lines.length - 1 }),
            fc.constantFrom('drop', 'dup', 'swap', 'json'),
            hostileJson,
          ),
          { minLength: 1, maxLength: 3 },
        ),
        fc.boolean(),
        (edits, cutLast) => {
          const l = [...lines];
          for (const [i, op, doc] of edits) {
            const k = Math.min(i, l.length - 1);
            if (op === 'drop') l.splice(k, 1);
            else if (op === 'dup') l.splice(k, 0, l[k]);
            else if (op === 'swap' && k + 1 < l.length) [l[k], l[k + 1]] = [l[k + 1], l[k]];
            else if (op === 'json') l[k] = JSON.stringify(doc) ?? 'null';
          }
          let text = l.join('\n') + '\n';
          if (cutLast) text = text.slice(0, -7);
          const f = join(dir, `t${n++}.jsonl`);
          writeFileSync(f, text);
          expect([0, 2]).toContain(userOutcome(() => checkTrace(f)));
        },
      ),
      cfg(100),
    );
  });

  it('sweep result files: damaged text', () => {
    const row = JSON.stringify({
      sweep: { experiment: 'xor-backprop', grid: [], seeds: [1], full: false },
      index: 0,
      of: 1,
      key: 'seed=1',
      seed: 1,
      results: { epochs: 3 },
    });
    let n = 0;
    fc.assert(
      fc.property(mutate(row + '\n'), (text) => {
        const f = join(dir, `s${n++}.jsonl`);
        writeFileSync(f, text);
        expect([0, 2]).toContain(userOutcome(() => mergeSweepFiles([f])));
      }),
      cfg(100),
    );
  });

  it('--set and --grid values, --seeds and numbers', () => {
    const exp = findExperiment('xor-backprop');
    const key = fc.oneof(
      fc.constantFrom(
        'constructor',
        'toString',
        '__proto__',
        'hasOwnProperty',
        'valueOf',
        'seeds',
        'maxSweeps',
      ),
      fc.string({ maxLength: 6 }),
    );
    const value = fc.oneof(
      fc.constantFrom('1', '0x10', '1e400', '-1', '', 'NaN', '1.5', ' 2'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(key, value, fc.array(value, { minLength: 1, maxLength: 3 }), (k, v, vs) => {
        expect([0, 2]).toContain(userOutcome(() => resolveParams(exp, 'default', [`${k}=${v}`])));
        expect([0, 2]).toContain(userOutcome(() => parseGrid([`${k}=${vs.join(',')}`])));
        expect([0, 2]).toContain(userOutcome(() => parseSeeds(v)));
        expect([0, 2]).toContain(userOutcome(() => parseNumber(v, '--lr')));
        expect([0, 2]).toContain(
          userOutcome(() => validateCircuit(JSON.parse(CIRCUIT), 'c.json', [parseSetOption(`a.${k}=${v}`)])),
        );
      }),
      cfg(300),
    );
  });

  it('the classification itself: a UserError is its exit code, anything else 1', () => {
    expect(exitCodeOf(() => parseNumber('0x10', '--lr'))).toBe(2);
    expect(exitCodeOf(() => JSON.parse('{'))).toBe(1);
    expect(exitCodeOf(() => 0)).toBe(0);
  });
});

describe('fuzz: the real CLI on sampled inputs', () => {
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |This is a bug|internal error/);
  const leftovers = (sub: string, inputs: string[]) => readdirSync(sub).filter((f) => !inputs.includes(f));

  it('simulate on mutated circuits with --vcd: exit 0 or 2, no stack, no VCD left behind on failure', () => {
    const samples = fc.sample(mutate(CIRCUIT), { seed: SEED, numRuns: 8 });
    samples.forEach((text, i) => {
      const sub = tempDir('psim-fuzz-sim-');
      writeFileSync(join(sub, 'c.json'), text);
      const r = runCli(['simulate', join(sub, 'c.json'), '--vcd', join(sub, 'out.vcd')]);
      expect([0, 2], `sample ${i}: ${r.stderr}`).toContain(r.status);
      noStack(r.stderr);
      expect(leftovers(sub, ['c.json'])).toEqual(r.status === 0 ? ['out.vcd'] : []);
    });
  });

  it('train on hostile CSV and --init files: exit 0 or 2, no weights file on failure', () => {
    const csv = fc.sample(mutate('a,b,y\n1,2,1\n2,1,-1\n3,3,1\n'), { seed: SEED, numRuns: 5 });
    const init = fc.sample(mutate('{"layers":[{"weights":[[0.1,0.2]],"bias":[0]}]}'), {
      seed: SEED,
      numRuns: 5,
    });
    csv.forEach((text, i) => {
      const sub = tempDir('psim-fuzz-train-');
      writeFileSync(join(sub, 'd.csv'), text);
      writeFileSync(join(sub, 'w0.json'), init[i]);
      const r = runCli([
        'train',
        '--model',
        'perceptron',
        '--data',
        join(sub, 'd.csv'),
        '--init',
        join(sub, 'w0.json'),
        '--epochs',
        '2',
        '--save',
        join(sub, 'w.json'),
      ]);
      expect([0, 2], `sample ${i}: ${r.stderr}`).toContain(r.status);
      noStack(r.stderr);
      expect(existsSync(join(sub, 'w.json'))).toBe(r.status === 0);
      expect(leftovers(sub, ['d.csv', 'w0.json', 'w.json'])).toEqual([]);
    });
  });

  it('replay --verify and export on damaged traces: exit 0, 2 or 3, no stack, no CSV on failure', () => {
    const text = readFileSync(trace, 'utf8');
    const samples = fc.sample(mutate(text), { seed: SEED, numRuns: 5 });
    samples.forEach((t, i) => {
      const sub = tempDir('psim-fuzz-trace-');
      writeFileSync(join(sub, 't.jsonl'), t);
      const v = runCli(['replay', join(sub, 't.jsonl'), '--verify']);
      expect([0, 2, 3], `sample ${i}: ${v.stderr}`).toContain(v.status);
      noStack(v.stderr);
      const e = runCli(['export', join(sub, 't.jsonl'), '--csv', join(sub, 'out.csv')]);
      expect([0, 2], `sample ${i}: ${e.stderr}`).toContain(e.status);
      noStack(e.stderr);
      expect(leftovers(sub, ['t.jsonl'])).toEqual(e.status === 0 ? ['out.csv'] : []);
    });
  });
});
