// Tables fit the terminal they are printed on (a real pseudo-terminal through util-linux `script`),
// and stay one row per line when piped or with --wide.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const BIN = join(ROOT, 'bin/perceptron-sim.js');
const longest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
const tableLines = (text: string) => {
  const lines = text.replace(/\r/g, '').split('\n');
  const start = lines.findIndex((l) => l.startsWith('result'));
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start, end).join('\n');
};

function inTerminal(columns: number, args: string[]): string {
  const command = `stty cols ${columns} rows 50; NO_COLOR=1 '${process.execPath}' '${BIN}' ${args.join(' ')}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', cwd: ROOT });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('tables and the terminal width', () => {
  it('fit an 80-column terminal, and not with --wide or through a pipe', () => {
    const narrow = tableLines(inTerminal(80, ['run', 'xor-perceptron']));
    expect(narrow).toMatch(/reproduced/);
    expect(longest(narrow)).toBeLessThanOrEqual(80);
    const wide = tableLines(inTerminal(80, ['--wide', 'run', 'xor-perceptron']));
    expect(longest(wide)).toBeGreaterThan(80);
    const piped = tableLines(runCli(['run', 'xor-perceptron']).stdout);
    expect(piped).toBe(wide);
  });
});
