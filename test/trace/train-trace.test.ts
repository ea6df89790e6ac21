// `train --trace` end to end: byte-identical traces, `replay --verify` on every machine, rule and the
// MLP, `replay --at N` against a run stopped after N steps, and a run killed by SIGINT.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('psim-train-trace-');

function csv(name: string, rows: number[][]): string {
  const file = join(dir, name);
  writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
  return file;
}

/**
 * Start the CLI with `args` writing the trace `name` in the test folder, send SIGINT once its
 * temporary file has grown past `bytes` (training is under way), and wait for the exit.
 */
async function interruptWhileTracing(
  args: string[],
  name: string,
  bytes: number,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/perceptron-sim.js'), ...args, '--trace', join(dir, name)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const tmp = readdirSync(dir).find((f) => f.startsWith(`.${name}.perceptron-sim-tmp-`));
      if (tmp && readFileSync(join(dir, tmp)).length > bytes) {
        clearInterval(timer);
        child.kill('SIGINT');
        resolve();
      }
    }, 25);
  });
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return { code, stderr };
}

// Small tasks: Boolean functions on ±1 inputs, a 3-class set, a regression, a 3×3 retina.
const xnor = csv('xnor.csv', [
  [-1, -1, 1],
  [-1, 1, 0],
  [1, -1, 0],
  [1, 1, 1],
]);
const or = csv('or.csv', [
  [-1, -1, 0],
  [-1, 1, 1],
  [1, -1, 1],
  [1, 1, 1],
]);
const three = csv('three.csv', [
  [0, 0, 0],
  [0, 1, 1],
  [1, 0, 2],
  [1, 1, 0],
  [0.5, 0.2, 1],
  [0.2, 0.9, 2],
]);
const regress = csv('regress.csv', [
  [1, -1, 0.5],
  [-1, 1, -0.25],
  [1, 1, 1],
  [-1, -1, -1],
]);
const retina = csv(
  'retina.csv',
  Array.from({ length: 8 }, (_, i) => {
    const cells = Array.from({ length: 9 }, (_, c) =>
      c % 3 === (i % 2 === 0 ? 0 : 2) ? 1 : (i * 7 + c) % 5 === 0 ? 1 : 0,
    );
    return [...cells, i % 2];
  }),
);

const RUNS: Array<[string, string[]]> = [
  ['perceptron fixed', ['--model', 'perceptron', '--data', or, '--rule', 'fixed']],
  ['perceptron absolute, one-vs-rest', ['--model', 'perceptron', '--data', three, '--rule', 'absolute']],
  [
    'mark1 fixed (event engine)',
    [
      '--model',
      'mark1',
      '--data',
      retina,
      '--a-units',
      '12',
      '--theta',
      '1',
      '--excitatory',
      '2',
      '--inhibitory',
      '1',
      '--engine',
      'event',
    ],
  ],
  [
    'mark1 value-gain-gamma',
    [
      '--model',
      'mark1',
      '--data',
      retina,
      '--a-units',
      '12',
      '--theta',
      '1',
      '--excitatory',
      '2',
      '--inhibitory',
      '1',
      '--rule',
      'value-gain-gamma',
    ],
  ],
  [
    'adaline alpha-lms (event engine)',
    ['--model', 'adaline', '--data', regress, '--rule', 'alpha-lms', '--lr', '0.5', '--engine', 'event'],
  ],
  ['adaline mu-lms', ['--model', 'adaline', '--data', regress, '--rule', 'mu-lms', '--lr', '0.05']],
  [
    'madaline mri',
    ['--model', 'madaline', '--data', xnor, '--rule', 'mri', '--hidden', '2', '--element', 'and'],
  ],
  [
    'madaline mrii (event engine)',
    ['--model', 'madaline', '--data', xnor, '--rule', 'mrii', '--hidden', '3', '--engine', 'event'],
  ],
  [
    'mlp, per sample',
    ['--model', 'mlp', '--data', xnor, '--hidden', '3', '--activation', 'tanh', '--epochs', '20'],
  ],
  [
    'mlp, mini-batch with momentum and maxout',
    [
      '--model',
      'mlp',
      '--data',
      three,
      '--hidden',
      '4',
      '--activation',
      'maxout:2',
      '--loss',
      'xent',
      '--batch',
      '2',
      '--momentum',
      '0.9',
      '--epochs',
      '10',
    ],
  ],
];

describe('train --trace', () => {
  for (const [name, args] of RUNS) {
    it(`${name}: byte-identical twice, and replay --verify reproduces it`, () => {
      // The same command twice, each in a folder of its own (the trace records the command).
      const epochs = args.includes('--epochs') ? [] : ['--epochs', '6'];
      const command = ['train', ...args, ...epochs, '--trace', 'run.jsonl', '--json'];
      const [first, second] = [tempDir('psim-trace-a-'), tempDir('psim-trace-b-')];
      const ra = runCli(command, { cwd: first });
      expect(ra.stderr).toBe('');
      expect(ra.status).toBe(0);
      expect(runCli(command, { cwd: second }).status).toBe(0);
      const a = join(first, 'run.jsonl');
      expect(readFileSync(join(second, 'run.jsonl'))).toEqual(readFileSync(a));
      const v = runCli(['replay', a, '--verify']);
      expect(v.stderr).toBe('');
      expect(v.stdout).toMatch(/verified: the re-run reproduces all \d+ steps exactly/);
      expect(v.status).toBe(0);
      // The trace's last weights are the run's final weights.
      const steps = readFileSync(a, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"type":"step"')).length;
      const at = runCli(['replay', a, '--at', String(steps), '--json']);
      expect(at.status).toBe(0);
      expect(JSON.parse(at.stdout).layers).toEqual(JSON.parse(ra.stdout).final.layers);
    });
  }

  it('replay --at N equals the weights of a run stopped after N steps', () => {
    const trace = join(dir, 'at.jsonl');
    const base = ['train', '--model', 'perceptron', '--data', three, '--no-shuffle'];
    expect(runCli([...base, '--epochs', '4', '--trace', trace]).status).toBe(0);
    for (const epochs of [1, 2, 3]) {
      const stopped = JSON.parse(runCli([...base, '--epochs', String(epochs), '--json']).stdout);
      const at = JSON.parse(runCli(['replay', trace, '--at', String(epochs * 6), '--json']).stdout);
      expect(at.layers).toEqual(stopped.final.layers);
    }
  });

  it('a verify that does not reproduce exits 3 naming the step and field', () => {
    const trace = join(dir, 'changed-data.jsonl');
    const data = csv('changing.csv', [
      [-1, -1, 0],
      [-1, 1, 1],
      [1, -1, 1],
      [1, 1, 1],
    ]);
    expect(runCli(['train', '--model', 'perceptron', '--data', data, '--trace', trace]).status).toBe(0);
    csv('changing.csv', [
      [-1, -1, 0],
      [-1, 1, 1],
      [1, -1, 0],
      [1, 1, 1],
    ]);
    const v = runCli(['replay', trace, '--verify']);
    expect(v.status).toBe(3);
    expect(v.stderr + v.stdout).toMatch(/step \d+.*(desired|outputs|sums|changes|errors)/s);
  });

  it('a run killed with SIGINT leaves a valid, closed, interrupted trace and exits 130', async () => {
    const big = csv(
      'big.csv',
      Array.from({ length: 400 }, (_, i) => [
        ...Array.from({ length: 16 }, (_, c) => ((i * 31 + c * 17) % 7) / 7),
        i % 3,
      ]),
    );
    const trace = join(dir, 'killed.jsonl');
    const { code, stderr } = await interruptWhileTracing(
      ['train', '--model', 'mlp', '--data', big, '--hidden', '32', '--epochs', '100000'],
      'killed.jsonl',
      50_000,
    );
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted; the trace is closed at step \d+/);
    expect(existsSync(trace)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('.killed'))).toEqual([]);
    const summary = runCli(['replay', trace, '--json']);
    expect(summary.status).toBe(0);
    const s = JSON.parse(summary.stdout);
    expect(JSON.stringify(s)).toMatch(/interrupted/);
    // Every recorded step can be rebuilt.
    const steps = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"type":"step"')).length;
    expect(steps).toBeGreaterThan(0);
    expect(runCli(['replay', trace, '--at', String(steps), '--json']).status).toBe(0);
  });

  it('refuses a trace path in a missing folder before any work', () => {
    const r = runCli(['train', '--model', 'perceptron', '--data', or, '--trace', '/no/such/folder/t.jsonl']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/t\.jsonl: cannot write trace file: folder \/no\/such\/folder does not exist/);
  });
});

describe('run --trace and compare --trace', () => {
  it('record the experiment’s first learner (a Mark I; an MLP) and verify', () => {
    for (const [args, learner] of [
      [['run', 'mark1-left-right', '--set', 'machines=2'], 'mark1'],
      [['run', 'xor-backprop', '--set', 'seeds=2'], 'mlp'],
      [['compare', 'mark1-left-right', '--activations', 'relu', '--epochs', '4', '--hidden', '8'], 'mark1'],
    ] as const) {
      const trace = join(dir, `${args[0]}-${learner}.jsonl`);
      const r = runCli([...args, '--trace', trace, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const header = JSON.parse(readFileSync(trace, 'utf8').split('\n')[0]);
      expect(header.model).toBe(learner);
      expect(header.kind).toBe(args[0] === 'run' ? 'experiment' : 'compare');
      const v = runCli(['replay', trace, '--verify']);
      expect(v.stdout).toMatch(/verified: the re-run reproduces all \d+ steps exactly/);
      expect(v.status).toBe(0);
    }
  });

  it('refuse to trace an experiment with no step-by-step learner, writing nothing', () => {
    const trace = join(dir, 'nothing.jsonl');
    const r = runCli(['run', 'xor-perceptron', '--trace', trace]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing to trace/);
    expect(existsSync(trace)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.nothing'))).toEqual([]);
  });
});

describe('run --vcd --probe', () => {
  it('records only the named nets of the first machine circuit, over simulated time', async () => {
    const vcd = join(dir, 'probes.vcd');
    const r = runCli(['run', 'adaline-tgf', '--vcd', vcd, '--probe', 'u0s', '--probe', 'teacher.err0']);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(vcd, 'utf8');
    expect(text.match(/\$var /g)).toHaveLength(2);
    expect(text).toContain('$scope module u0s $end');
    expect(text).toContain('$var real 64 " err0 $end');
    // The summer's output moves as the gains are learnt: many changes over simulated time.
    expect(text.split('\n').filter((l) => l.startsWith('#')).length).toBeGreaterThan(20);
  });

  it('refuses an unknown net naming the nets there are, and leaves no file', () => {
    const vcd = join(dir, 'bad-probe.vcd');
    const r = runCli(['run', 'adaline-tgf', '--vcd', vcd, '--probe', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--probe nope: no net 'nope\.out' in this machine.*nets are named component\.pin, e\.g\. .*teacher\.err0/,
    );
    expect(existsSync(vcd)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.bad-probe'))).toEqual([]);
    expect(runCli(['run', 'adaline-tgf', '--probe', 'u0s']).stderr).toMatch(/--probe needs --vcd/);
    expect(runCli(['run', 'adaline-tgf', '--vcd', vcd]).stderr).toMatch(/--vcd needs at least one --probe/);
  });
});

describe('run --trace interrupted', () => {
  it('SIGINT during a synchronous experiment closes the trace as interrupted (exit 130), and it verifies', async () => {
    const trace = join(dir, 'run-killed.jsonl');
    const { code, stderr } = await interruptWhileTracing(
      ['run', 'mark1-letters', '--set', 'epochs=400', '--set', 'noise=0.25'],
      'run-killed.jsonl',
      200_000,
    );
    expect(stderr).toMatch(/interrupted; the trace is closed at step \d+/);
    expect(code).toBe(130);
    expect(readdirSync(dir).filter((f) => f.startsWith('.run-killed'))).toEqual([]);
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ type: 'end', status: 'interrupted' });
    const v = runCli(['replay', trace, '--verify']);
    expect(v.stdout).toMatch(/verified/);
    expect(v.status).toBe(0);
  });
});
