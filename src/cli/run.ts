/** `perceptron-sim run <experiment>`: measure one experiment and judge it against the published figures. */
import type { Command } from 'commander';
import { findExperiment } from '../experiments/registry.js';
import { reportJson, runExperiment, DEFAULT_SEED } from '../experiments/run.js';
import { renderExperimentReport } from '../report/experiment.js';
import { renderRunReport } from '../report/html/index.js';
import { progressBar } from '../report/progress.js';
import { stdoutStyle } from '../report/style.js';
import { checkOutputPath, writeFileAtomic } from '../util/atomic-file.js';
import { collect, seedOption } from './options.js';

interface RunCliOptions {
  seed: number;
  set: string[];
  full?: boolean;
  json?: boolean;
  report?: string;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a historical experiment and compare our measurement with the published figure')
    .argument('<experiment>', "experiment id (see 'perceptron-sim list')")
    .option('--seed <n>', 'seed of the random generator', seedOption, DEFAULT_SEED)
    .option(
      '--set <key=value>',
      "override an experiment parameter (repeatable; keys in 'list --json')",
      collect,
      [],
    )
    .option('--full', 'run the paper-scale version where it is longer')
    .option('--json', 'print one JSON object on stdout')
    .option('--report <file.html>', 'also write a self-contained HTML report (tables, SVG charts, pictures)')
    .addHelpText(
      'after',
      '\nExamples:\n  perceptron-sim run xor-perceptron\n  perceptron-sim run xor-perceptron --seed 7 --set epochs=50 --json',
    )
    .action((id: string, options: RunCliOptions) => {
      const exp = findExperiment(id);
      if (options.report !== undefined) checkOutputPath(options.report, 'HTML report');
      const bar = progressBar(exp.id);
      let report;
      try {
        report = runExperiment(exp, {
          seed: options.seed,
          mode: options.full ? 'full' : 'default',
          set: options.set,
          progress: (f) => bar.update(f),
        });
      } finally {
        bar.stop();
      }
      if (options.json) process.stdout.write(JSON.stringify(reportJson(report), null, 2) + '\n');
      else process.stdout.write(renderExperimentReport(report, stdoutStyle));
      if (options.report !== undefined) {
        const html = renderRunReport(report, { argv: process.argv.slice(2) });
        writeFileAtomic(options.report, html, 'HTML report');
      }
    });
}
