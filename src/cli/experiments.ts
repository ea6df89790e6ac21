/** `perceptron-sim list` and `perceptron-sim run <experiment>`. */
import type { Command } from 'commander';
import { EXPERIMENTS, findExperiment } from '../experiments/registry.js';
import { reportJson, runExperiment, DEFAULT_SEED } from '../experiments/run.js';
import { renderExperimentReport } from '../report/experiment.js';
import { progressBar } from '../report/progress.js';
import { stdoutStyle } from '../report/style.js';
import { renderTable } from '../report/table.js';
import { collect } from './options.js';
import { InvalidArgumentError } from 'commander';

function seedOption(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`--seed expects a whole number, got '${value}'.`);
  }
  return Number(value);
}

export function registerExperiments(program: Command): void {
  program
    .command('list')
    .description('list the historical experiments')
    .option('--json', 'print a JSON array on stdout')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        const items = EXPERIMENTS.map((e) => ({
          id: e.id,
          title: e.title,
          year: e.year,
          group: e.group,
          citation: e.citation,
          question: e.question,
          params: e.params,
          published: e.published,
        }));
        process.stdout.write(JSON.stringify(items, null, 2) + '\n');
        return;
      }
      const rows = EXPERIMENTS.map((e) => [e.id, String(e.year), e.group, e.title]);
      process.stdout.write(
        renderTable(['id', 'year', 'group', 'title'], rows, { align: ['left', 'right', 'left', 'left'] }),
      );
      process.stdout.write(`\n${EXPERIMENTS.length} experiments; run one with: perceptron-sim run <id>\n`);
    });

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
