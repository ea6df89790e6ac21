/** `perceptron-sim run <experiment>`: measure one experiment and judge it against the published figures. */
import type { Command } from 'commander';
import { findExperiment } from '../experiments/registry.js';
import { reportJson, runExperiment, DEFAULT_SEED } from '../experiments/run.js';
import { renderExperimentReport } from '../report/experiment.js';
import { progressBar } from '../report/progress.js';
import { stdoutStyle } from '../report/style.js';
import { collect, seedOption } from './options.js';

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
    .addHelpText(
      'after',
      '\nExamples:\n  perceptron-sim run xor-perceptron\n  perceptron-sim run xor-perceptron --seed 7 --set epochs=50 --json',
    )
    .action((id: string, options: { seed: number; set: string[]; full?: boolean; json?: boolean }) => {
      const exp = findExperiment(id);
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
    });
}
