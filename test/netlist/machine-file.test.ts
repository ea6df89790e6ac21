// `simulate circuits/mark1.json`, the obvious thing to try, says what the file is and which command
// builds that machine; the command it names runs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('simulate on a machine description', () => {
  it('names the commands that use it instead of listing schema errors', () => {
    for (const m of ['mark1', 'adaline', 'madaline']) {
      const r = runCli(['simulate', `circuits/${m}.json`]);
      expect(r.status, m).toBe(2);
      expect(r.stderr.trim().split('\n'), m).toHaveLength(1);
      expect(r.stderr).toMatch(
        /is a machine description .* not a circuit to simulate; the machine is built from it by: perceptron-sim run /,
      );
    }
    const mark1 = runCli(['simulate', 'circuits/mark1.json']).stderr;
    const suggested = /by: perceptron-sim (run [^(]+?) \(/
      .exec(mark1)![1]
      .replace('out.vcd', join(tempDir(), 'out.vcd'));
    const r = runCli(suggested.split(' '));
    expect(r.status, r.stderr).toBe(0);
  });
});
