/** `perceptron-sim run <experiment>`: measure one experiment and judge it against the published figures. */
import type { Command } from 'commander';
import { observeUpdates } from '../backprop/train.js';
import { ExitStatus, UserError } from '../errors.js';
import { observeTraining } from '../machines/train.js';
import { checkRecorded, registerRerun } from '../trace/verify.js';
import { checkProbeOptions, withProbes } from './probe-session.js';
import { experimentTracer, rerunHooks, rerunQuietly, signOption, withTrace } from './trace-session.js';
import { inTracedWorker, runTracedInWorker } from './traced-worker.js';
import { findExperiment } from '../experiments/registry.js';
import { reportJson, resolveParams, runExperiment, DEFAULT_SEED } from '../experiments/run.js';
import type { ExperimentReport } from '../experiments/run.js';
import { renderExperimentReport } from '../report/experiment.js';
import { renderRunReport } from '../report/html/index.js';
import { tracePlayer } from '../report/html/trace-source.js';
import { summarizeTrace } from '../trace/replay.js';
import { progressBar } from '../report/progress.js';
import { stdoutStyle } from '../report/style.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { checkRunFiles } from '../util/run-files.js';
import { collect, seedOption } from './options.js';

interface RunCliOptions {
  seed: number;
  set: string[];
  full?: boolean;
  fast?: boolean;
  json?: boolean;
  report?: string;
  trace?: string;
  sign?: string;
  vcd?: string;
  probe: string[];
}

type TraceConfig = { experiment: string; seed: number; mode: 'default' | 'full' | 'fast'; set: string[] };

/** Run the experiment with `tracer` watching its training loops. */
function traceExperiment(
  tracer: ReturnType<typeof experimentTracer> | null,
  c: TraceConfig,
  progress?: (f: number) => void,
): ExperimentReport {
  // Untraced: no observers at all. An MLP observer makes every update list its changed parameters,
  // which costs more than the update itself (86 s instead of 12 s for glorot-bengio-saturation).
  if (tracer === null)
    return runExperiment(findExperiment(c.experiment), { seed: c.seed, mode: c.mode, set: c.set, progress });
  return observeTraining(tracer.machines, () =>
    observeUpdates(tracer.mlps, () =>
      runExperiment(findExperiment(c.experiment), { seed: c.seed, mode: c.mode, set: c.set, progress }),
    ),
  );
}

/** `replay --verify` of a `run --trace`: the same experiment, its first learner's steps compared. */
registerRerun('experiment', (ctx) => {
  const tracer = experimentTracer(
    { command: [], kind: 'experiment', config: {}, seed: null },
    rerunHooks(ctx),
    (header) => ctx.initial(header.initial),
  );
  const config = checkRecorded(
    ctx.header.config,
    { experiment: 'string', seed: 'integer', mode: 'string', set: 'string[]' },
    'config',
    ['experiment', 'seed', 'mode', 'set'],
  ) as TraceConfig;
  if (config.mode !== 'default' && config.mode !== 'full' && config.mode !== 'fast')
    throw new UserError(
      `trace header: config: "mode" must be "default", "full" or "fast", got ${JSON.stringify(config.mode)}`,
    );
  return rerunQuietly(() => traceExperiment(tracer, config));
});

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
    .option(
      '--fast',
      'the quick version the test suite and docs/experiments.md use (fewer runs, smaller sizes)',
    )
    .option('--json', 'print one JSON object on stdout')
    .option('--vcd <file>', 'write the signals named by --probe of the first machine circuit the run builds')
    .option(
      '--probe <net>',
      'a net to record with --vcd: component.pin, or a component for its out pin (repeatable)',
      collect,
      [],
    )
    .option('--trace <file>', "record the experiment's first learner step by step (JSON Lines; see `replay`)")
    .option('--sign <key.pem>', 'sign the trace with this Ed25519 private key (see docs/trace-format.md)')
    .option('--report <file.html>', 'also write a self-contained HTML report (tables, SVG charts, pictures)')
    .addHelpText(
      'after',
      '\nExamples:\n  perceptron-sim run xor-perceptron\n  perceptron-sim run xor-perceptron --seed 7 --set epochs=50 --json',
    )
    .action(async (id: string, options: RunCliOptions) => {
      // Traced runs go to a worker thread, so that Ctrl-C can stop the synchronous experiment cleanly.
      if (options.trace !== undefined && !inTracedWorker())
        throw new ExitStatus(await runTracedInWorker(process.argv));
      // An untraced run with a VCD open cannot stop between steps: a signal stops it at once.
      if (options.vcd !== undefined && !inTracedWorker())
        throw new ExitStatus(await runTracedInWorker(process.argv, 'abort'));
      const exp = findExperiment(id);
      if (options.full && options.fast)
        throw new UserError('--full and --fast exclude each other: choose one');
      const mode: TraceConfig['mode'] = options.full ? 'full' : options.fast ? 'fast' : 'default';
      resolveParams(exp, mode, options.set);
      checkRunFiles(
        [],
        [
          { option: '--trace', path: options.trace, what: 'trace file' },
          { option: '--report', path: options.report, what: 'HTML report' },
          { option: '--vcd', path: options.vcd, what: 'VCD file' },
        ],
      );
      if (options.trace === '-' && options.report !== undefined) {
        throw new UserError('--report reads the trace back: give --trace a file, not - (stdout)');
      }
      const sign = signOption(options.sign, options.trace);
      checkProbeOptions(options.vcd, options.probe);
      const bar = progressBar(exp.id);
      const config = { experiment: exp.id, seed: options.seed, mode, set: options.set };
      let report: ExperimentReport | undefined;
      try {
        // With --trace, the experiment's first learner (machine or MLP) is recorded step by step.
        await withTrace(options.trace, { sign }, async (hooks, open) => {
          const tracer = experimentTracer(
            { command: process.argv.slice(2), kind: 'experiment', config, seed: options.seed },
            hooks,
            open,
          );
          report = withProbes(options.vcd, options.probe, () =>
            traceExperiment(options.trace === undefined ? null : tracer, config, (f) => bar.update(f)),
          );
          if (options.trace !== undefined && !tracer.traced()) {
            throw new UserError(
              `${exp.id}: nothing to trace: this experiment trains no machine or MLP step by step`,
            );
          }
          return { final: tracer.final() };
        });
      } finally {
        bar.stop();
      }
      const done = report!;
      if (options.json) process.stdout.write(JSON.stringify(reportJson(done), null, 2) + '\n');
      else process.stdout.write(renderExperimentReport(done, stdoutStyle));
      if (options.report !== undefined) {
        // A traced run's report carries a player over the recorded steps.
        const player =
          options.trace === undefined ? undefined : tracePlayer(options.trace, summarizeTrace(options.trace));
        const html = renderRunReport(done, { argv: process.argv.slice(2), player });
        writeFileAtomic(options.report, html, 'HTML report');
      }
    });
}
