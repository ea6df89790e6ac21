/** `parseCsvGrid`: every column numeric except the one `--target` leaves out. */
import { describe, expect, it } from 'vitest';
import { parseCsvGrid } from '../../src/data/csv.js';

describe('parseCsvGrid', () => {
  it('leaves out a column by number, keeps file rows and columns for messages', () => {
    const g = parseCsvGrid('cat,0.5,1\n\ndog,0,0.25\n', 'x.csv', { leaveOut: '1' });
    expect(g.header).toBeUndefined();
    expect(g.rows).toEqual([
      [0.5, 1],
      [0, 0.25],
    ]);
    expect(g.rowNumbers).toEqual([1, 3]);
    expect(g.columnNumbers).toEqual([2, 3]);
    expect(g.leftOut).toEqual({ column: 1, cells: ['cat', 'dog'] });
  });

  it('leaves out a column by header name; without one every column is an input', () => {
    const text = 'a,label,b\n1,x,0\n';
    expect(parseCsvGrid(text, 'x.csv', { leaveOut: 'label' }).rows).toEqual([[1, 0]]);
    expect(() => parseCsvGrid(text, 'x.csv')).toThrow(/row 2, column 2: expected a number, found "x"/);
  });
});
