import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { TOY_DEFAULTS, toyRun, writeToyTrace } from './toy.js';

let dir: string;
let trace: string;

beforeAll(() => {
  dir = tempDir();
  trace = join(dir, 'run.trace.jsonl');
  writeToyTrace(trace);
});

function weightsAfter(steps: number) {
  let count = 0;
  return toyRun(TOY_DEFAULTS, { shouldStop: () => count >= steps, onStep: () => count++ }).weights;
}

describe('replay (CLI)', () => {
  it('prints a summary, or JSON', () => {
    const r = runCli(['replay', trace]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('state    complete: 30 steps, digest verified');
    expect(r.stdout).toMatch(/converged in epoch \d/);
    const j = runCli(['replay', trace, '--json']);
    expect(j.status).toBe(0);
    const s = JSON.parse(j.stdout);
    expect(s).toMatchObject({
      integrity: 'ok',
      status: 'complete',
      steps: 30,
      model: 'toy-perceptron',
      seed: 7,
    });
    expect(s.epochs).toHaveLength(6);
  });

  it('--at N --json prints the weights after N steps in the shape of train --json final', () => {
    for (const n of [0, 4, 17]) {
      const r = runCli(['replay', trace, '--at', String(n), '--json']);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(weightsAfter(n));
    }
    const bad = runCli(['replay', trace, '--at', '99']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no step 99: it has 30 steps/);
  });

  it('--show prints frames', () => {
    const r = runCli(['replay', trace, '--show', '--from', '3', '--to', '4']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/── step 3 · epoch 1/);
    expect(r.stdout).toMatch(/── step 4 · epoch 1/);
    expect(r.stdout).not.toMatch(/── step 5/);
  });

  it('a truncated trace: says so on stderr and still serves --at up to the last complete step', () => {
    const full = readFileSync(trace);
    const cut = join(dir, 'cut.jsonl');
    writeFileSync(cut, full.subarray(0, full.indexOf('"step":13,') + 25));
    const r = runCli(['replay', cut, '--at', '12', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/truncated: no closing line; line \d+ is incomplete.*last complete step is 12/);
    expect(JSON.parse(r.stdout)).toEqual(weightsAfter(12));
    const past = runCli(['replay', cut, '--at', '13']);
    expect(past.status).toBe(2);
    expect(past.stderr).toMatch(/truncated after step 12/);
  });

  it('a tampered trace is refused with the first line that cannot be trusted', () => {
    const lines = readFileSync(trace, 'utf8').split('\n');
    const k = lines.findIndex((l) => l.includes('"step":6,'));
    lines[k] = lines[k].replace(/"time":0\.0(\d)/, (_m, d: string) => `"time":0.0${(Number(d) + 1) % 10}`);
    const bad = join(dir, 'tampered.jsonl');
    writeFileSync(bad, lines.join('\n'));
    const r = runCli(['replay', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`tampered: .*line ${k + 1} is the first that cannot be trusted`));
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('not JSON, wrong format, unknown major version, out of order: exit 2 with the line number', () => {
    const lines = readFileSync(trace, 'utf8').split('\n');
    const cases: [string[], RegExp][] = [
      [[...lines.slice(0, 3), '{"type":"step",', ...lines.slice(4)], /line 4: not valid JSON/],
      [
        [lines[0].replace('perceptron-sim-trace', 'csv'), ...lines.slice(1)],
        /line 1: not a perceptron-sim trace/,
      ],
      [
        [lines[0].replace('"1.2"', '"3.1"'), ...lines.slice(1)],
        /line 1: trace format version 3\.1 is not supported/,
      ],
      [[lines[0], lines[2], lines[1], ...lines.slice(3)], /line 2: step 2 out of order: expected step 1/],
    ];
    cases.forEach(([content, message], i) => {
      const f = join(dir, `bad-${i}.jsonl`);
      writeFileSync(f, content.join('\n'));
      const r = runCli(['replay', f]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  });

  it('--verify without a registered re-run for the kind is exit 2', () => {
    const r = runCli(['replay', trace, '--verify']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no re-run is registered for traces of kind 'toy'/);
  });
});

describe('export (CLI)', () => {
  it('--csv writes one row per step', () => {
    const out = join(dir, 'steps.csv');
    const r = runCli(['export', trace, '--csv', out]);
    expect(r.status).toBe(0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe(
      'step,epoch,time,pattern,sum_0,sum_1,output_0,output_1,desired_0,desired_1,error_0,error_1,mistake,changed',
    );
    expect(rows).toHaveLength(31);
    expect(rows[1]).toMatch(/^1,1,0\.0015,\d,/);
  });

  it('--vcd writes the learning signals and chosen weights over simulated time', () => {
    const out = join(dir, 'learn.vcd');
    const r = runCli(['export', trace, '--vcd', out, '--weights', '0:1:bias,0:1:4', '--tick', '100us']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('$timescale\n  100 us\n$end');
    expect(text).toContain('l0_u1_bias');
    expect(text).toContain('l0_u1_w4');
    expect(text).toMatch(/^#450$/m); // step 30 at 45 ms
    const bias = weightsAfter(30).layers[0].bias[1];
    // vcd-parser mis-reads the identifier code '-' (valid in IEEE 1364), so read the reals directly.
    const ids = new Map([...text.matchAll(/^\$var real 64 (\S+) (\S+) \$end$/gm)].map((m) => [m[1], m[2]]));
    const last = new Map<string, number>();
    for (const m of text.matchAll(/^r(\S+) (\S+)$/gm)) last.set(ids.get(m[2])!, Number(m[1]));
    expect(last.get('l0_u1_bias')).toBe(bias);
    expect(last.get('step')).toBe(30);
  });

  it('an output path in a missing folder is exit 2 before any work', () => {
    const r = runCli(['export', trace, '--csv', join(dir, 'nope', 'x.csv'), '--vcd', join(dir, 'v.vcd')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/folder .*nope does not exist/);
    expect(existsSync(join(dir, 'v.vcd'))).toBe(false);
  });

  it('a bad --weights is exit 2, and no file is left', () => {
    const before = readdirSync(dir).sort();
    const r = runCli(['export', trace, '--vcd', join(dir, 'w.vcd'), '--weights', '0:7:0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--weights: layer 0 unit 7 input 0: the layer has 2 units/);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
