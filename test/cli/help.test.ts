// The help a newcomer reads and the messages of the option parser (issue 18's small items).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

describe('help and parser messages', () => {
  it('the top-level help and list --help end with examples', () => {
    for (const args of [['--help'], ['list', '--help']]) {
      const r = runCli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/\nExamples:\n {2}perceptron-sim list/);
    }
  });

  it('defaults are shown once and as typed; required options are marked', () => {
    const sweep = runCli(['sweep', '--help']).stdout.replace(/\s+/g, ' ');
    expect(sweep).toMatch(
      /--jobs <n> worker threads[^()]*\(default: the core count, \d+\) --jobs-max-override/,
    );
    const compare = runCli(['compare', '--help']).stdout.replace(/\s+/g, ' ');
    expect(compare).toContain('(default: relu,tanh,sigmoid)');
    expect(compare).not.toContain('["relu"');
    const train = runCli(['train', '--help']).stdout.replace(/\s+/g, ' ');
    expect(train).toMatch(/--model <model> \(required\)/);
    expect(train).toMatch(/--data <file> \(required\)/);
  });

  it('run --fast selects the fast mode the notes and docs/experiments.md speak of; --full --fast is refused', () => {
    const fast = runCli(['run', 'xor-backprop', '--fast', '--json']);
    expect(fast.status).toBe(0);
    expect(JSON.parse(fast.stdout).config.seeds).toBe(12);
    const plain = runCli(['run', 'xor-backprop', '--set', 'seeds=2', '--fast']);
    expect(plain.stdout).toMatch(/seed 1, fast mode \(fewer runs, smaller sizes\); seeds=2/);
    const both = runCli(['run', 'xor-backprop', '--fast', '--full']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--full and --fast exclude each other/);
  });

  it("the parser's own errors carry the program's prefix and exit 2", () => {
    const r = runCli(['run', 'xor-backprop', '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^perceptron-sim: error: unknown option '--bogus'/);
  });

  it('a mistyped activation gets a suggestion', () => {
    const r = runCli(['compare', 'mark1-letters', '--activations', 'rleu,tanh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown activation "rleu" \(did you mean 'relu'\?\)/);
  });

  it('--vcd without --probe suggests probes that exist, and the suggestion runs', () => {
    const dir = tempDir();
    const vcd = join(dir, 'x.vcd');
    const r = runCli(['run', 'mark1-left-right', '--vcd', vcd]);
    expect(r.status).toBe(2);
    const suggested = [...r.stderr.slice(r.stderr.indexOf('e.g.')).matchAll(/--probe (\S+)/g)].map((m) =>
      m[1].replace(/,$/, ''),
    );
    expect(suggested.length).toBeGreaterThan(1);
    const ok = runCli(['run', 'mark1-left-right', '--vcd', vcd, ...suggested.flatMap((p) => ['--probe', p])]);
    expect(ok.status, ok.stderr).toBe(0);
    const text = readFileSync(vcd, 'utf8');
    for (const p of suggested) {
      const [component, pin] = p.split('.');
      expect(text).toMatch(
        new RegExp(`\\$scope module ${component} \\$end\\n\\$var real 64 \\S+ ${pin} \\$end`),
      );
    }
  });

  it('export --help says the changed column is a count', () => {
    expect(runCli(['export', '--help']).stdout.replace(/\s+/g, ' ')).toContain('how many weights changed');
  });
});
