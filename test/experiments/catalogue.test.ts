// Every experiment in the catalogue, re-run in its fast mode: the measured values must meet the
// published figures within the stated tolerances (or differ where the experiment honestly declares
// that it differs, and says why; or hold by construction where it says why), and the committed
// catalogue page docs/experiments.md must be what these runs render (so CI fails when it is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { docsRun, experimentsMarkdown } from '../../scripts/docs-experiments.js';
import { DOCS_MODE, DOCS_SEED, type RunJson } from '../../src/experiments/docs.js';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { runExperiment, reportJson } from '../../src/experiments/run.js';
import type { PublishedFigure } from '../../src/experiments/types.js';
import { renderRunReport } from '../../src/report/html/index.js';
import { launchChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/cli.js';
import { pageAuditor, pageProblems } from '../report/page-audit.js';

/** The verdict an experiment declares for a figure. */
function declared(fig: PublishedFigure): string {
  if (fig.expect === 'differs') return 'differs';
  return fig.byConstruction !== undefined ? 'by construction' : 'reproduced';
}

/**
 * Experiments whose measured values depend on this machine's speed (activations-cost times
 * exponentials against ReLU): their table rows are left out of the page comparison, which would
 * otherwise fail on a loaded machine. Their verdicts are still checked above.
 */
const TIMED = new Set(['activations-cost']);

/** The page with the result rows of timed experiments blanked out. */
function maskTimed(page: string): string {
  let current = '';
  return page
    .split('\n')
    .map((line) => {
      const h = /^## (\S+)$/.exec(line);
      if (h) current = h[1];
      return TIMED.has(current) && line.startsWith('|') ? '| (timed row) |' : line;
    })
    .join('\n');
}

const browser = inject('chromium');

if ('missing' in browser)
  process.stderr.write(
    `test/experiments/catalogue.test.ts: the reports' browser check SKIPPED: ${browser.missing}\n`,
  );

describe('experiment catalogue (fast mode)', () => {
  // The seed-1 fast runs, shared with the page check at the end (the same runs the page shows).
  const runs = new Map<string, RunJson>();
  // Each run's HTML report (`run <id> --report`), opened in Chromium at the end.
  const reportDir = tempDir('psim-catalogue-report-');
  const reports = new Map<string, string>();

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
        if (f.byConstruction !== undefined) expect(f.byConstruction.length).toBeGreaterThan(20);
        expect(f.expect === 'differs' && f.byConstruction !== undefined, `${e.id} ${f.name}`).toBe(false);
      }
    }
  });

  for (const exp of EXPERIMENTS) {
    it(`${exp.id}: verdicts are as declared`, () => {
      expect(DOCS_MODE).toBe('fast');
      const report = runExperiment(exp, { seed: DOCS_SEED, mode: 'fast' });
      for (const fig of exp.published) {
        const row = report.results.find((r) => r.name === fig.name);
        expect(row, `a result row for ${fig.name}`).toBeDefined();
        // The row carries what the experiment measured, and the declared verdict (the measured
        // value is in the message so that a failure shows how far off it is).
        expect(row!.measured).toBe(report.measurement.values[fig.name]);
        expect(row!.verdict, `${fig.name}: measured ${row!.measured}, published ${fig.value}`).toBe(
          declared(fig),
        );
      }
      // Same seed, same numbers: the JSON (less wall time) is reproducible.
      const first = reportJson(report);
      // The second run also checks the progress it reports (the CLI's bar): fractions that never go
      // back, with at least one between start and end, so a long run never shows a frozen bar at 0.
      const fractions: number[] = [];
      const again = reportJson(
        runExperiment(exp, { seed: DOCS_SEED, mode: 'fast', progress: (f) => fractions.push(f) }),
      );
      expect(
        fractions.some((f) => f > 0 && f < 1),
        `${exp.id} reports progress between 0 and 1`,
      ).toBe(true);
      expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
      const strip = (j: Record<string, unknown>) => ({
        ...j,
        timing: { ...(j.timing as object), wallSeconds: 0 },
      });
      expect(strip(again)).toEqual(strip(first));
      runs.set(exp.id, first as unknown as RunJson);
      const file = join(reportDir, `${exp.id}.html`);
      writeFileSync(file, renderRunReport(report, { argv: ['run', exp.id, '--report', `${exp.id}.html`] }));
      reports.set(exp.id, file);
    });
  }

  // Every experiment's report in a real browser: no console error, no empty section, every figure
  // captioned in words, not blank (see test/report/page-audit.ts).
  it.skipIf('missing' in browser)(
    "every experiment's HTML report passes the page checks in Chromium",
    async () => {
      if ('missing' in browser) return;
      // A small window: the screenshot only has to show that the page drew something.
      const { context, close } = await launchChromium(browser.path, {
        viewport: { width: 800, height: 500 },
      });
      try {
        const auditor = await pageAuditor(context);
        const problems: string[] = [];
        for (const exp of EXPERIMENTS) {
          const file = reports.get(exp.id);
          if (!file) continue; // its run failed above, and says so there
          for (const p of pageProblems(await auditor.facts(file))) problems.push(`${exp.id}: ${p}`);
        }
        expect(reports.size).toBeGreaterThan(0);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    },
    120_000,
  );

  it('docs/experiments.md is what these runs render (regenerate it with npm run docs:experiments)', async () => {
    const all = EXPERIMENTS.map((e) => runs.get(e.id) ?? docsRun(e));
    const committed = readFileSync(new URL('../../docs/experiments.md', import.meta.url), 'utf8');
    expect(maskTimed(committed)).toBe(maskTimed(await experimentsMarkdown(all)));
  });
});
