// `run --trace --report` and `compare --trace --report` through the built program: both reports carry
// the trace player, with the run's class names (A–C) for the Mark I's R-units, the input patterns the
// trace does not keep, and each R-unit's weights drawn back onto the retina, named by its letter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const SMALL = ['--set', 'letters=ABC', '--set', 'trainPerLetter=4', '--set', 'testPerLetter=2'];

function playerData(html: string): {
  unitNames?: string[];
  inputs: Record<string, unknown>;
  pattern: number[];
} {
  const m = /<script type="application\/json" id="player-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m, 'the page embeds a player').not.toBeNull();
  return JSON.parse(m![1]);
}

describe('traced reports', () => {
  it('run and compare: a player with class names and inputs; R-units drawn on the retina', () => {
    const dir = tempDir();
    for (const args of [
      [
        'run',
        'mark1-letters',
        ...SMALL,
        '--set',
        'efMachines=1',
        '--set',
        'efTrainPerLetter=5',
        '--set',
        'epochs=3',
      ],
      ['compare', 'mark1-letters', ...SMALL, '--epochs', '2', '--activations', 'relu', '--hidden', '4'],
    ]) {
      const html = join(dir, `${args[0]}.html`);
      const r = runCli([...args, '--trace', join(dir, `${args[0]}.jsonl`), '--report', html]);
      expect(r.status, r.stderr).toBe(0);
      const page = readFileSync(html, 'utf8');
      const data = playerData(page);
      expect(data.unitNames, args[0]).toEqual(['A', 'B', 'C']);
      // Every embedded step's input is there, as a 20×20 retina.
      for (const p of data.pattern) expect(String(data.inputs[p]).length, args[0]).toBe(400);
      expect(page, args[0]).toContain('What each R-unit');
      expect(page, args[0]).toContain('R-unit B, after training');
    }
  });
});
