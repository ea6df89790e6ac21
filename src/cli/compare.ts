/** `perceptron-sim compare <experiment>`: the historical machine beside backprop MLPs on the same task. */
import type { Command } from 'commander';
import {
  DEFAULT_COMPARE_ACTIVATIONS,
  DEFAULT_COMPARE_BATCH,
  DEFAULT_COMPARE_EPOCHS,
  DEFAULT_COMPARE_HIDDEN,
  DEFAULT_COMPARE_LEARNING_RATE,
  DEFAULT_COMPARE_MOMENTUM,
  checkActivations,
  runComparison,
  unknownCompareTask,
} from '../experiments/compare.js';
import { COMPARE_TASKS } from '../experiments/lib/tasks.js';
import { findExperiment } from '../experiments/registry.js';
import { resolveParams, DEFAULT_SEED } from '../experiments/run.js';
import { renderComparison } from '../report/comparison.js';
import { renderCompareReport } from '../report/html/index.js';
import { progressBar } from '../report/progress.js';
import { stdoutStyle } from '../report/style.js';
import { Rng } from '../rng.js';
import { checkOutputPath, writeFileAtomic } from '../util/atomic-file.js';
import {
  collect,
  commaList,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  seedOption,
} from './options.js';

interface CompareCliOptions {
  seed: number;
  set: string[];
  activations: string[];
  hidden: number;
  epochs: number;
  lr: number;
  batch: number;
  momentum: number;
  json?: boolean;
  report?: string;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'train the historical machine and an MLP per activation on the same data and seed, side by side',
    )
    .argument('<experiment>', `experiment with a comparison task (${Object.keys(COMPARE_TASKS).join(', ')})`)
    .option(
      '--seed <n>',
      'seed of the random generator (data, wiring, initial weights, order)',
      seedOption,
      DEFAULT_SEED,
    )
    .option('--set <key=value>', 'override an experiment parameter of the task (repeatable)', collect, [])
    .option(
      '--activations <list>',
      'MLP hidden activations, NAME[:param] comma-separated',
      commaList,
      DEFAULT_COMPARE_ACTIVATIONS,
    )
    .option('--hidden <n>', 'hidden units of each MLP', positiveInteger('--hidden'), DEFAULT_COMPARE_HIDDEN)
    .option(
      '--epochs <n>',
      'epoch cap for every learner',
      positiveInteger('--epochs'),
      DEFAULT_COMPARE_EPOCHS,
    )
    .option('--lr <x>', 'MLP learning rate', positiveNumber('--lr'), DEFAULT_COMPARE_LEARNING_RATE)
    .option('--batch <n>', 'MLP mini-batch size', positiveInteger('--batch'), DEFAULT_COMPARE_BATCH)
    .option('--momentum <x>', 'MLP momentum', nonNegativeNumber('--momentum'), DEFAULT_COMPARE_MOMENTUM)
    .option('--json', 'print one JSON object on stdout')
    .option('--report <file.html>', 'also write a self-contained HTML report (tables, SVG charts, pictures)')
    .addHelpText(
      'after',
      '\nEach learner stops at its first epoch with no training errors (the criterion) or at --epochs,\n' +
        'and is scored on held-out patterns. The machine learns by its historical rule in the dense\n' +
        'engine (identical to the circuit with ideal parts); its hardware time comes from the timing model.\n\n' +
        'Examples:\n  perceptron-sim compare mark1-letters\n  perceptron-sim compare mark1-letters --activations relu,elu,maxout:2 --seed 3 --json',
    )
    .action((id: string, options: CompareCliOptions) => {
      const exp = findExperiment(id);
      const entry = COMPARE_TASKS[exp.id];
      if (!entry) throw unknownCompareTask(exp.id, Object.keys(COMPARE_TASKS));
      checkActivations(options.activations);
      if (options.report !== undefined) checkOutputPath(options.report, 'HTML report');
      const params = resolveParams(exp, 'default', options.set);
      const task = entry.task(params, Rng.fromSeed(options.seed).fork('task'));
      const bar = progressBar(`compare ${exp.id}`);
      let report;
      try {
        report = runComparison(exp.id, task, entry.machine, {
          seed: options.seed,
          activations: options.activations,
          hidden: options.hidden,
          epochs: options.epochs,
          learningRate: options.lr,
          batch: options.batch,
          momentum: options.momentum,
          progress: (f) => bar.update(f),
        });
      } finally {
        bar.stop();
      }
      if (options.json)
        process.stdout.write(
          JSON.stringify({ ...report, config: { ...report.config, params } }, null, 2) + '\n',
        );
      else process.stdout.write(renderComparison(exp, report, params, stdoutStyle));
      if (options.report !== undefined) {
        const html = renderCompareReport({
          experiment: exp,
          report,
          params,
          task,
          argv: process.argv.slice(2),
        });
        writeFileAtomic(options.report, html, 'HTML report');
      }
    });
}
