import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const EX = 'circuits/examples';

function simulateJson(args: string[]): {
  outputs: Record<string, number>;
  stop: string;
  timeSeconds: number;
} {
  const r = runCli(['simulate', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('simulate on the example circuits', () => {
  it('adaline-fixed: the T pattern gives sum 8 and output +1; switching to G gives -8 and -1', () => {
    expect(simulateJson([`${EX}/adaline-fixed.json`]).outputs).toEqual({ sum: 8, y: 1 });
    const g = simulateJson([`${EX}/adaline-fixed.json`, '--stimulus', `${EX}/adaline-fixed.stimulus.json`]);
    expect(g.outputs).toEqual({ sum: -8, y: -1 });
    expect(g.timeSeconds).toBeCloseTo(0.001, 12);
  });

  it('adaline-fixed: a stimulus time before the change leaves the T answer', () => {
    const r = simulateJson([
      `${EX}/adaline-fixed.json`,
      '--stimulus',
      `${EX}/adaline-fixed.stimulus.json`,
      '--until',
      '999us',
    ]);
    expect(r.outputs).toEqual({ sum: 8, y: 1 });
    expect(r.stop).toBe('time');
  });

  it('majority3: two of three on gives +1; --set one off gives -1', () => {
    expect(simulateJson([`${EX}/majority3.json`]).outputs).toEqual({ y: 1 });
    expect(simulateJson([`${EX}/majority3.json`, '--set', 'a.position=off']).outputs).toEqual({ y: -1 });
    expect(
      simulateJson([`${EX}/majority3.json`, '--set', 'c.position=on', '--set', 'a.position=off']).outputs,
    ).toEqual({ y: 1 });
  });

  it('photocell-row: the relay fires once three cells are lit and drops when two go dark', () => {
    const stim = ['--stimulus', `${EX}/photocell-row.stimulus.json`];
    expect(simulateJson([`${EX}/photocell-row.json`, ...stim, '--until', '250ms']).outputs).toEqual({
      sum: 2,
      fires: 0,
    });
    expect(simulateJson([`${EX}/photocell-row.json`, ...stim, '--until', '450ms']).outputs).toEqual({
      sum: 4,
      fires: 1,
    });
    expect(simulateJson([`${EX}/photocell-row.json`, ...stim]).outputs).toEqual({ sum: 2, fires: 0 });
  });

  it('prints a table by default and writes a VCD file', () => {
    const dir = tempDir();
    const vcd = join(dir, 'out.vcd');
    const r = runCli(['simulate', `${EX}/majority3.json`, '--vcd', vcd]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^output\s+value\n-+\s+-+\ny\s+1\n$/);
    expect(r.stderr).toMatch(/settled/);
    const text = readFileSync(vcd, 'utf8');
    expect(text).toMatch(/\$scope module maj \$end\n\$var real 64 \S+ out \$end/);
    expect(readdirSync(dir)).toEqual(['out.vcd']);
  });

  it('gives byte-identical VCD files for the same inputs', () => {
    const dir = tempDir();
    const args = [`${EX}/photocell-row.json`, '--stimulus', `${EX}/photocell-row.stimulus.json`];
    expect(runCli(['simulate', ...args, '--vcd', join(dir, 'a.vcd')]).status).toBe(0);
    expect(runCli(['simulate', ...args, '--vcd', join(dir, 'b.vcd')]).status).toBe(0);
    expect(readFileSync(join(dir, 'a.vcd'))).toEqual(readFileSync(join(dir, 'b.vcd')));
  });

  it('has help that lists every option', () => {
    const r = runCli(['simulate', '--help']);
    expect(r.status).toBe(0);
    for (const opt of ['--set', '--stimulus', '--until', '--vcd', '--json', '--max-events'])
      expect(r.stdout).toContain(opt);
  });
});

describe('simulate with bad input: exit 2, one clear message, no stack, no file left', () => {
  const cases: Array<[string, (dir: string) => string[], RegExp]> = [
    [
      'not JSON',
      (d) => [write(d, 'c.json', '{"components": [')],
      /c\.json: not valid JSON at line 1, column 17/,
    ],
    [
      'unknown type',
      (d) => [write(d, 'c.json', '{"components":[{"id":"a","type":"relais"}]}')],
      /components\[0\]\.type: unknown component type 'relais' \(did you mean 'relay'\?\)/,
    ],
    [
      'duplicate id',
      (d) => [write(d, 'c.json', '{"components":[{"id":"a","type":"switch"},{"id":"a","type":"switch"}]}')],
      /components\[1\]\.id: duplicate id 'a'/,
    ],
    [
      'missing pin',
      (d) => [
        write(
          d,
          'c.json',
          '{"components":[{"id":"a","type":"switch"},{"id":"q","type":"relay"}],"connections":[{"from":"a.out","to":"q.input"}]}',
        ),
      ],
      /connections\[0\]\.to: component 'q' \(relay\) has no input pin 'input'/,
    ],
    [
      'wrong parameter type',
      (d) => [write(d, 'c.json', '{"components":[{"id":"q","type":"relay","params":{"threshold":"1"}}]}')],
      /components\[0\]\.params\.threshold: expected a finite number, got "1"/,
    ],
    [
      'negative delay',
      (d) => [write(d, 'c.json', '{"components":[{"id":"q","type":"relay","params":{"pullInDelay":-0.5}}]}')],
      /components\[0\]\.params\.pullInDelay: must be ≥ 0 s/,
    ],
    [
      'NaN delay (as JSON can write it)',
      (d) => [
        write(d, 'c.json', '{"components":[{"id":"q","type":"relay","params":{"pullInDelay":"NaN"}}]}'),
      ],
      /components\[0\]\.params\.pullInDelay: expected a finite number, got "NaN"/,
    ],
    [
      'oscillating zero-delay loop',
      (d) => [
        write(
          d,
          'c.json',
          JSON.stringify({
            components: [
              { id: 'inv', type: 'quantizer', params: { high: -1, low: 1 } },
              { id: 'buf', type: 'summer', params: { inputs: 1 } },
            ],
            connections: [
              { from: 'inv.out', to: 'buf.in0' },
              { from: 'buf.out', to: 'inv.in' },
            ],
          }),
        ),
      ],
      /c\.json: zero-delay loop does not settle at t=0 .*'inv', 'buf'/,
    ],
    [
      'bad --set',
      () => [`${EX}/majority3.json`, '--set', 'a.position'],
      /--set a\.position: expected id\.param=value/,
    ],
    [
      '--set of an unknown parameter',
      () => [`${EX}/majority3.json`, '--set', 'a.posit=on'],
      /--set a\.posit=on: unknown parameter of switch \(did you mean 'position'\?\)/,
    ],
    ['missing file', (d) => [join(d, 'nope.json')], /nope\.json: cannot read circuit file: no such file/],
    [
      'bad stimulus',
      (d) => [
        `${EX}/majority3.json`,
        '--stimulus',
        write(d, 's.json', '{"events":[{"time":0,"set":"a.levels","value":"unipolar"}]}'),
      ],
      /s\.json: events\[0\]\.set: parameter 'levels' of switch 'a' cannot change during a run/,
    ],
    ['bad --until', () => [`${EX}/majority3.json`, '--until', 'soon'], /--until: expected a duration/],
  ];

  for (const [name, args, message] of cases) {
    it(name, () => {
      const dir = tempDir();
      const vcd = join(dir, 'out.vcd');
      const r = runCli(['simulate', ...args(dir), '--vcd', vcd]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(existsSync(vcd)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('vcd'))).toEqual([]);
    });
  }

  it('an output path in a missing folder', () => {
    const r = runCli(['simulate', `${EX}/majority3.json`, '--vcd', '/no/such/folder/out.vcd']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/out\.vcd: cannot write VCD file: folder \/no\/such\/folder does not exist/);
  });

  it('an unknown option is a usage error', () => {
    const r = runCli(['simulate', `${EX}/majority3.json`, '--vcdd', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--vcdd'/);
  });

  it('--debug adds the stack trace', () => {
    const r = runCli(['--debug', 'simulate', 'nope.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/at .*\.js:\d+/);
  });
});

function write(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
