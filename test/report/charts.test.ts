// Charts a teacher can show: whole-number ticks for counts, points (not lines) for separate things,
// captions and legends in words.
import { describe, expect, it } from 'vitest';
import { inWords } from '../../src/report/html/escape.js';
import { lineChart } from '../../src/report/html/svg.js';

const ticks = (svg: string) =>
  [...svg.matchAll(/class="tick"[^>]*text-anchor="middle">([^<]+)</g)].map((m) => m[1]);

describe('report charts', () => {
  it('whole-number x values get whole-number ticks only', () => {
    const svg = lineChart([{ name: 'trialsPerMachine', x: [1, 2, 3, 4], y: [20, 40, 20, 20] }], {
      xLabel: 'machine',
      yLabel: 'trials',
    });
    expect(ticks(svg).length).toBeGreaterThan(1);
    for (const t of ticks(svg)) expect(Number.isInteger(Number(t)), t).toBe(true);
    const epochs = lineChart([{ name: 'e', x: [0.5, 1, 1.5, 2], y: [1, 2, 3, 4] }], {
      xLabel: 'epoch',
      yLabel: 'y',
    });
    expect(ticks(epochs).some((t) => !Number.isInteger(Number(t)))).toBe(true);
  });

  it('per machine or per seed: points, no line joining them; per epoch: a line', () => {
    for (const xLabel of ['machine', 'seed', 'runs']) {
      const svg = lineChart([{ name: 'a', x: [1, 2, 3], y: [3, 1, 2] }], { xLabel, yLabel: 'trials' });
      expect(svg, xLabel).not.toMatch(/class="line s0"/);
      expect(svg.match(/class="dot s0"/g)).toHaveLength(3);
    }
    const curve = lineChart([{ name: 'a', x: [1, 2, 3], y: [3, 1, 2] }], {
      xLabel: 'epoch',
      yLabel: 'errors',
    });
    expect(curve).toMatch(/class="line s0"/);
  });

  it('identifiers read as words in captions and legends', () => {
    expect(inWords('trialsPerMachine')).toBe('trials per machine');
    expect(inWords('mlp-relu')).toBe('mlp-relu');
    expect(inWords('mark1')).toBe('mark1');
    const svg = lineChart(
      [
        { name: 'trialsPerMachine', x: [1, 2], y: [1, 2] },
        { name: 'mlp-relu', x: [1, 2], y: [2, 1] },
      ],
      { xLabel: 'epoch', yLabel: 'y' },
    );
    expect(svg).toContain('>trials per machine<');
    expect(svg).not.toContain('trialsPerMachine');
  });
});
