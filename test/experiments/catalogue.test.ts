// Every experiment in the catalogue, re-run in its fast mode: the measured values must meet the
// published figures within the stated tolerances (or differ where the experiment honestly declares
// that it differs, and says why).
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { runExperiment, reportJson } from '../../src/experiments/run.js';

describe('experiment catalogue (fast mode)', () => {
  it('has unique ids and complete metadata', () => {
    const ids = EXPERIMENTS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of EXPERIMENTS) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.citation.length).toBeGreaterThan(10);
      expect(e.question).toMatch(/\?$/);
      for (const f of e.published) {
        expect(f.source.length).toBeGreaterThan(3);
        if (f.expect === 'differs') expect(f.differsBecause?.length ?? 0).toBeGreaterThan(20);
      }
    }
  });

  for (const exp of EXPERIMENTS) {
    it(`${exp.id}: verdicts are as declared`, () => {
      const report = runExperiment(exp, { seed: 1, mode: 'fast' });
      for (const fig of exp.published) {
        const row = report.results.find((r) => r.name === fig.name)!;
        expect({ name: fig.name, measured: row.measured, verdict: row.verdict }).toEqual({
          name: fig.name,
          measured: row.measured,
          verdict: fig.expect === 'differs' ? 'differs' : 'reproduced',
        });
      }
      // Same seed, same numbers: the JSON (less wall time) is reproducible.
      const again = reportJson(runExperiment(exp, { seed: 1, mode: 'fast' }));
      const strip = (j: Record<string, unknown>) => ({
        ...j,
        timing: { ...(j.timing as object), wallSeconds: 0 },
      });
      expect(strip(again)).toEqual(strip(reportJson(report)));
    });
  }
});
