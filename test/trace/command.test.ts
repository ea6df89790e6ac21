// A trace records the command that made it, as typed, also when the command runs in the traced worker
// (run and compare --trace); the report's "exact command" is that command.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('the command a trace records', () => {
  it('run --trace and compare --trace record their whole command line', () => {
    const dir = tempDir();
    for (const args of [
      [
        'run',
        'xor-backprop',
        '--seed',
        '2',
        '--trace',
        join(dir, 'run.jsonl'),
        '--report',
        join(dir, 'r.html'),
      ],
      ['compare', 'mark1-left-right', '--epochs', '3', '--trace', join(dir, 'compare.jsonl')],
    ]) {
      const r = runCli(args);
      expect(r.status, r.stderr).toBe(0);
      const header = JSON.parse(readFileSync(args[args.indexOf('--trace') + 1], 'utf8').split('\n')[0]);
      expect(header.command).toEqual(args);
    }
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain(
      `perceptron-sim run xor-backprop --seed 2 --trace ${join(dir, 'run.jsonl')}`,
    );
  });

  it('replay --show says when the input of a step is not in the trace', () => {
    const dir = tempDir();
    const trace = join(dir, 't.jsonl');
    expect(runCli(['run', 'xor-backprop', '--trace', trace]).status).toBe(0);
    const r = runCli(['replay', trace, '--show', '--from', '1', '--to', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/input: pattern \d+ of the training data \(not kept in this trace\)/);
  });
});
