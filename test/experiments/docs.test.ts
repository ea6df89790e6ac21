// docs/experiments.md is generated from `run --json` (npm run docs:experiments): it must list every
// experiment and, for experiments cheap enough to re-run here, show what a run prints today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, findExperiment } from '../../src/experiments/registry.js';
import { reportJson, runExperiment } from '../../src/experiments/run.js';
import { formatNumber } from '../../src/report/table.js';

const doc = readFileSync(new URL('../../docs/experiments.md', import.meta.url), 'utf8');

function section(id: string): string {
  const start = doc.indexOf(`\n## ${id}\n`);
  expect(start, `docs/experiments.md has a section for ${id}`).toBeGreaterThan(0);
  const next = doc.indexOf('\n## ', start + 4);
  return doc.slice(start, next < 0 ? undefined : next);
}

/** The table rows of a section, as trimmed cells. */
function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|')),
    );
}

describe('docs/experiments.md', () => {
  it('has a section for every experiment in the catalogue, and only those', () => {
    const ids = [...doc.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    expect(ids).toEqual(EXPERIMENTS.map((e) => e.id));
  });

  for (const id of ['xor-perceptron', 'novikoff-bound', 'boolean-16', 'madaline-xnor']) {
    it(`${id}: the page shows what run --json prints today`, () => {
      const json = reportJson(runExperiment(findExperiment(id), { seed: 1 })) as {
        results: Array<{ description: string; measured: number; unit: string | null; verdict: string }>;
      };
      const table = rows(section(id));
      for (const r of json.results) {
        const row = table.find((cells) => cells[0] === r.description);
        expect(row, `row '${r.description}'`).toBeDefined();
        expect(row![1]).toBe(`${formatNumber(r.measured)}${r.unit ? ` ${r.unit}` : ''}`);
        expect(row![4]).toBe(r.verdict);
      }
    });
  }
});
