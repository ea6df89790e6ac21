import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/table.js';

const header = ['result', 'measured', 'verdict', 'source'];
const rows = [
  ['fewest mistakes in any epoch on XOR (never 0: not learnable)', '4', 'reproduced', 'Minsky & Papert 1969'],
  ['fewest mistakes in any epoch on AND', '0', 'no published figure', 'WL90 p.1418 (14 of 16 functions)'],
];
const width = (text: string) =>
  Math.max(
    ...text
      .trimEnd()
      .split('\n')
      .map((l) => l.length),
  );
const words = (text: string) =>
  text
    .split(/\s+/)
    .filter((w) => w && !/^-+$/.test(w))
    .sort();

describe('tables that fit', () => {
  it('without a width, each row is one line', () => {
    const t = renderTable(header, rows);
    expect(t.trimEnd().split('\n')).toHaveLength(2 + rows.length);
    expect(width(t)).toBeGreaterThan(100);
  });

  it('within a width, text columns wrap at spaces and no word is lost; numbers never wrap', () => {
    for (const max of [100, 80, 60]) {
      const t = renderTable(header, rows, { maxWidth: max });
      expect(width(t), `maxWidth ${max}`).toBeLessThanOrEqual(max);
      expect(words(t)).toEqual(words(renderTable(header, rows)));
      expect(t.split('\n').filter((l) => /^\S.*\s[40]\s/.test(l))).toHaveLength(2);
    }
  });

  it('a table that cannot fit keeps whole words (the terminal wraps the rest)', () => {
    const t = renderTable(['a', 'b'], [['unbreakable-long-word-here', 'another-unbreakable-word']], {
      maxWidth: 20,
    });
    expect(t).toContain('unbreakable-long-word-here');
    expect(t).toContain('another-unbreakable-word');
  });
});
