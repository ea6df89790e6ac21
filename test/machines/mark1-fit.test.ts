// Mark I structure that fits small inputs (src/machines/mark1-fit.ts).
import { describe, expect, it } from 'vitest';
import { fitMark1, safeFanOut } from '../../src/machines/mark1-fit.js';
import { MARK1_DEFAULTS } from '../../src/machines/mark1-params.js';
import { wirePlugboard } from '../../src/machines/plugboard.js';
import { Rng } from '../../src/rng.js';

describe('fitMark1', () => {
  it('leaves the historical 20×20 retina alone', () => {
    expect(fitMark1(400, {})).toEqual({ values: {}, notes: [] });
  });

  it('derives settings the random plugboard always wires, for every seed tried', () => {
    for (const inputs of [2, 4, 13, 64]) {
      const { values, notes } = fitMark1(inputs, {});
      expect(notes.length).toBeGreaterThan(0);
      const m = { ...MARK1_DEFAULTS, ...values };
      for (let seed = 1; seed <= 5; seed++) {
        const board = wirePlugboard(
          {
            sUnits: inputs,
            aUnits: m.aUnits,
            excitatory: m.excitatory,
            inhibitory: m.inhibitory,
            maxFanOut: m.maxFanOut,
          },
          Rng.fromSeed(seed),
        );
        expect(board.excitatory).toHaveLength(m.aUnits);
      }
    }
    // 8×8 digits keep 6 + 4 connections and get just enough fan-out.
    expect(fitMark1(64, {}).values).toEqual({ maxFanOut: safeFanOut(64, 512, 10) });
    expect(safeFanOut(64, 512, 10)).toBe(95);
  });

  it('proposes working values when the given ones cannot fit', () => {
    expect(() => fitMark1(64, { maxFanOut: 40 })).toThrow(/try --max-fan-out 95 or --a-units 217/);
    expect(() => fitMark1(4, { excitatory: 5 })).toThrow(/try --excitatory 2 --inhibitory 2/);
    // The proposed A-unit count does wire with the given fan-out.
    const board = wirePlugboard(
      { sUnits: 64, aUnits: 217, excitatory: 6, inhibitory: 4, maxFanOut: 40 },
      Rng.fromSeed(1),
    );
    expect(board.excitatory).toHaveLength(217);
  });
});
