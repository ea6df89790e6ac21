/** `perceptron-sim compare <experiment>`: the historical machine beside backprop MLPs on the same task. */
import { Option, type Command } from 'commander';
import { ExitStatus, UserError } from '../errors.js';
import { observeTraining } from '../machines/train.js';
import { checkRecorded, registerRerun } from '../trace/verify.js';
import { experimentTracer, rerunHooks, rerunQuietly, signOption, withTrace } from './trace-session.js';
import { inTracedWorker, runTracedInWorker } from './traced-worker.js';
import {
  DEFAULT_COMPARE_ACTIVATIONS,
  DEFAULT_COMPARE_BATCH,
  DEFAULT_COMPARE_EPOCHS,
  DEFAULT_COMPARE_HIDDEN,
  DEFAULT_COMPARE_LEARNING_RATE,
  DEFAULT_COMPARE_MOMENTUM,
  checkActivations,
  unknownCompareTask,
} from '../experiments/compare.js';
import { compareEpochCap, compareExperiment } from '../experiments/compare-experiment.js';
import type { ParamValues } from '../experiments/types.js';
import { COMPARE_TASKS } from '../experiments/lib/tasks.js';
import { findExperiment } from '../experiments/registry.js';
import { resolveParams, DEFAULT_SEED } from '../experiments/run.js';
import { renderComparison } from '../report/comparison.js';
import { renderCompareReport } from '../report/html/index.js';
import { tracePlayer } from '../report/html/trace-source.js';
import { summarizeTrace } from '../trace/replay.js';
import { progressBar } from '../report/progress.js';
import { stdoutStyle } from '../report/style.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { checkRunFiles } from '../util/run-files.js';
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
  epochs?: number;
  lr: number;
  batch: number;
  momentum: number;
  json?: boolean;
  trace?: string;
  sign?: string;
  report?: string;
}

/** The comparison settings from the command line, every default resolved (recorded in a trace,
 * re-used by its re-run). */
function compareSettings(options: CompareCliOptions, params: ParamValues) {
  return {
    seed: options.seed,
    set: options.set,
    activations: options.activations,
    hidden: options.hidden,
    epochs: options.epochs ?? compareEpochCap(params),
    learningRate: options.lr,
    batch: options.batch,
    momentum: options.momentum,
  };
}

/** `replay --verify` of a `compare --trace`: the same comparison, the machine's steps compared. */
registerRerun('compare', (ctx) => {
  const { experiment, ...settings } = checkRecorded(
    ctx.header.config,
    {
      experiment: 'string',
      seed: 'integer',
      set: 'string[]',
      activations: 'string[]',
      hidden: 'integer',
      epochs: 'integer',
      learningRate: 'number',
      batch: 'integer',
      momentum: 'number',
    },
    'config',
    ['experiment', 'seed', 'set', 'activations', 'hidden', 'epochs', 'learningRate', 'batch', 'momentum'],
  ) as ReturnType<typeof compareSettings> & { experiment: string };
  const tracer = experimentTracer(
    { command: [], kind: 'compare', config: {}, seed: settings.seed },
    rerunHooks(ctx),
    (header) => ctx.initial(header.initial),
    'machine',
  );
  return rerunQuietly(() =>
    observeTraining(tracer.machines, () => compareExperiment(findExperiment(experiment), settings)),
  );
});

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
    .addOption(
      new Option('--activations <list>', 'MLP hidden activations, NAME[:param] comma-separated')
        .argParser(commaList)
        // Shown as typed on the command line, not as a JSON array.
        .default(DEFAULT_COMPARE_ACTIVATIONS, DEFAULT_COMPARE_ACTIVATIONS.join(',')),
    )
    .option('--hidden <n>', 'hidden units of each MLP', positiveInteger('--hidden'), DEFAULT_COMPARE_HIDDEN)
    .option(
      '--epochs <n>',
      `epoch cap for every learner (default: the experiment's own epochs where it has them, as run uses; else ${DEFAULT_COMPARE_EPOCHS})`,
      positiveInteger('--epochs'),
    )
    .option('--lr <x>', 'MLP learning rate', positiveNumber('--lr'), DEFAULT_COMPARE_LEARNING_RATE)
    .option('--batch <n>', 'MLP mini-batch size', positiveInteger('--batch'), DEFAULT_COMPARE_BATCH)
    .option('--momentum <x>', 'MLP momentum', nonNegativeNumber('--momentum'), DEFAULT_COMPARE_MOMENTUM)
    .option('--json', 'print one JSON object on stdout')
    .option('--trace <file>', "record the historical machine's learning steps (JSON Lines; see `replay`)")
    .option('--sign <key.pem>', 'sign the trace with this Ed25519 private key (see docs/trace-format.md)')
    .option('--report <file.html>', 'also write a self-contained HTML report (tables, SVG charts, pictures)')
    .addHelpText(
      'after',
      '\nEach learner stops at its first epoch with no training errors (the criterion) or at --epochs,\n' +
        'and is scored on held-out patterns. The machine learns by its historical rule in the dense\n' +
        'engine (identical to the circuit with ideal parts); its hardware time comes from the timing model.\n\n' +
        'Examples:\n  perceptron-sim compare mark1-letters\n  perceptron-sim compare mark1-letters --activations relu,elu,maxout:2 --seed 3 --json',
    )
    .action(async (id: string, options: CompareCliOptions) => {
      // Traced runs go to a worker thread, so that Ctrl-C can stop the synchronous comparison cleanly.
      if (options.trace !== undefined && !inTracedWorker())
        throw new ExitStatus(await runTracedInWorker(process.argv));
      const exp = findExperiment(id);
      if (!COMPARE_TASKS[exp.id]) throw unknownCompareTask(exp.id, Object.keys(COMPARE_TASKS));
      checkActivations(options.activations);
      const params = resolveParams(exp, 'default', options.set);
      if (options.trace === '-' && options.report !== undefined)
        throw new UserError('--report reads the trace back: give --trace a file, not - (stdout)');
      checkRunFiles(
        [],
        [
          { option: '--trace', path: options.trace, what: 'trace file' },
          { option: '--report', path: options.report, what: 'HTML report' },
        ],
      );
      const sign = signOption(options.sign, options.trace);
      const bar = progressBar(`compare ${exp.id}`);
      const settings = compareSettings(options, params);
      let run: ReturnType<typeof compareExperiment> | undefined;
      try {
        // With --trace, the historical machine's learning is recorded step by step.
        await withTrace(options.trace, { sign }, async (hooks, open) => {
          const tracer = experimentTracer(
            {
              command: process.argv.slice(2),
              kind: 'compare',
              config: { experiment: exp.id, ...settings },
              seed: options.seed,
            },
            hooks,
            open,
            'machine',
          );
          const compare = () => compareExperiment(exp, { ...settings, progress: (f) => bar.update(f) });
          // Untraced: no observer, so the machine keeps its whole-epoch fast path.
          run = options.trace === undefined ? compare() : observeTraining(tracer.machines, compare);
          return { final: tracer.final() };
        });
      } finally {
        bar.stop();
      }
      const { report, task, learner } = run!;
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
          // A traced comparison's report carries a player over the machine's recorded steps.
          player:
            options.trace === undefined
              ? undefined
              : tracePlayer(options.trace, summarizeTrace(options.trace)),
          learner,
        });
        writeFileAtomic(options.report, html, 'HTML report');
      }
    });
}
