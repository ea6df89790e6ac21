// docs/experiments.md is generated (npm run docs:experiments) from fast-mode runs; the catalogue
// test checks the whole page against fresh runs. Here: the page lists every experiment, and the
// renderer counts each verdict in its own column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderExperimentsDoc, type RunJson } from '../../src/experiments/docs.js';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import type { ResultRow, Verdict } from '../../src/experiments/run.js';

const doc = readFileSync(new URL('../../docs/experiments.md', import.meta.url), 'utf8');

describe('docs/experiments.md', () => {
  it('has a section for every experiment in the catalogue, and only those', () => {
    const ids = [...doc.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    expect(ids).toEqual(EXPERIMENTS.map((e) => e.id));
  });

  it('says that it shows fast-mode runs', () => {
    expect(doc).toMatch(/fast mode/);
  });

  it('counts reproduced, differs, by construction and no published figure apart', () => {
    const row = (name: string, verdict: Verdict): ResultRow => ({
      name,
      description: name,
      measured: 1,
      published: 1,
      unit: null,
      source: null,
      tolerance: null,
      verdict,
    });
    const exp = EXPERIMENTS[0];
    const run: RunJson = {
      experiment: exp.id,
      seed: 1,
      config: {},
      results: [
        row('a', 'reproduced'),
        row('b', 'by construction'),
        row('c', 'by construction'),
        row('d', 'differs'),
        row('e', 'no published figure'),
        row('f', 'no published figure'),
        row('g', 'no published figure'),
      ],
      notes: [],
      timing: { wallSeconds: 0, hardwareSeconds: null },
    };
    const page = renderExperimentsDoc([exp], [run]);
    expect(page).toContain(`| [${exp.id}](#${exp.id}) | ${exp.year} | 1 | 1 | 2 | 3 |`);
    expect(page).toContain('| **all** | | 1 | 1 | 2 | 3 |');
    expect(page).toContain('| b | 1 | 1 |  | by construction |  |');
  });
});
