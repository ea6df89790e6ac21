// Reports made the way the CLI makes them, written to a temporary folder: shared by the pure tests
// (html.test.ts) and the browser tests (browser.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runComparison } from '../../src/experiments/compare.js';
import { COMPARE_TASKS } from '../../src/experiments/lib/tasks.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { resolveParams, runExperiment } from '../../src/experiments/run.js';
import { renderCompareReport, renderReplayReport, renderRunReport } from '../../src/report/html/index.js';
import { loadTraceForReport } from '../../src/report/html/trace-source.js';
import { Rng } from '../../src/rng.js';
import { tempDir } from '../helpers/cli.js';
import { writeToyTrace } from '../trace/toy.js';
import { writeMark1LettersTrace } from './mark1-trace.js';

export interface ReportFiles {
  dir: string;
  /** A small Mark I letters trace (the player's source). */
  trace: string;
  toyTrace: string;
  /** name → HTML file */
  html: Record<'run' | 'runTrace' | 'spiral' | 'compare' | 'replay' | 'replayToy', string>;
}

export function makeReports(): ReportFiles {
  const dir = tempDir('psim-report-');
  const trace = join(dir, 'letters.trace.jsonl');
  writeMark1LettersTrace(trace, { trainPerLetter: 6, letters: 'ABCD', epochs: 8 });
  const toyTrace = join(dir, 'toy.trace.jsonl');
  writeToyTrace(toyTrace);

  const letters = runExperiment(findExperiment('mark1-letters'), { seed: 1, mode: 'fast' });
  const { summary, player } = loadTraceForReport(trace);
  const spiral = runExperiment(findExperiment('spiral'), { seed: 1, mode: 'fast' });

  const exp = findExperiment('mark1-letters');
  const params = resolveParams(exp, 'fast', ['trainPerLetter=10', 'testPerLetter=5', 'letters=ABCD']);
  const task = COMPARE_TASKS['mark1-letters'].task(params, Rng.fromSeed(1).fork('task'));
  const compare = runComparison(exp.id, task, COMPARE_TASKS['mark1-letters'].machine, {
    seed: 1,
    activations: ['relu', 'tanh'],
    hidden: 16,
    epochs: 8,
    learningRate: 0.05,
    batch: 8,
    momentum: 0.9,
  });
  const toy = loadTraceForReport(toyTrace);

  const pages = {
    run: renderRunReport(letters, { argv: ['run', 'mark1-letters', '--report', 'r.html'] }),
    runTrace: renderRunReport(letters, { argv: ['run', 'mark1-letters', '--trace', 't.jsonl'], player }),
    spiral: renderRunReport(spiral, { argv: ['run', 'spiral', '--report', 's.html'] }),
    compare: renderCompareReport({
      experiment: exp,
      report: compare,
      params,
      task,
      argv: ['compare', 'mark1-letters'],
    }),
    replay: renderReplayReport({ summary, player, argv: ['replay', trace, '--report', 'p.html'] }),
    replayToy: renderReplayReport({ ...toy, argv: ['replay', toyTrace, '--report', 'q.html'] }),
  };
  const html = {} as ReportFiles['html'];
  for (const [name, text] of Object.entries(pages)) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, text);
    html[name as keyof ReportFiles['html']] = file;
  }
  return { dir, trace, toyTrace, html };
}
