/**
 * `perceptron-sim sweep <experiment>`: many runs over a grid and seeds, in parallel;
 * `perceptron-sim sweep merge FILE...`: combine shards' outputs.
 */
import { Option, type Command } from 'commander';
import { progressBar } from '../report/progress.js';
import { parseGrid, parseSeeds, parseShard } from '../sweep/plan.js';
import { DEFAULT_JOBS, mergeSweepFiles, runSweep, validateSweep } from '../sweep/sweep.js';
import { EMIT_ENGINES, emitScript, type EmitEngine } from '../sweep/emit.js';
import { describeSweep, sweepId } from '../sweep/plan.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { checkRunFiles } from '../util/run-files.js';
import { ExitStatus, UserError } from '../errors.js';
import { collect, positiveInteger } from './options.js';
import { SINGLE_THREADED_GC, SWEEP_PROGRESS, rerunWithSingleThreadedGc } from './single-threaded-gc.js';

interface SweepCliOptions {
  grid: string[];
  seeds: string;
  jobs: number;
  shard?: string;
  out?: string;
  resume?: boolean;
  full?: boolean;
  emit?: string;
  shards?: number;
  jobsMaxOverride?: boolean;
}

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description(
      'run an experiment over a grid of settings and seeds in parallel (JSON Lines), or merge shards',
    )
    .argument(
      '<experiment>',
      "experiment id (see 'perceptron-sim list'), or 'merge' followed by result files",
    )
    .argument('[files...]', 'with merge: the shards’ result files')
    .option(
      '--grid <key=v1,v2,...>',
      'a parameter and its values (repeatable; all combinations run)',
      collect,
      [],
    )
    .option('--seeds <list>', 'seeds: a range 1..100, a list 1,5,9 or one seed', '1')
    .addOption(
      new Option('--jobs <n>', 'worker threads, at most the core count unless --jobs-max-override')
        .argParser(positiveInteger('--jobs'))
        .default(DEFAULT_JOBS, `the core count, ${DEFAULT_JOBS}`),
    )
    .option('--jobs-max-override', 'allow --jobs above the core count (each worker holds its own heap)')
    .option('--shard <K/N>', 'run only every N-th job starting at K (1-based), for one machine of N')
    .option('--out <file>', 'append results to this file (default: stdout); with merge, the merged file')
    .option('--resume', 'skip the jobs already in --out (after an interruption)')
    .option('--full', "run each job's paper-scale version")
    .option(
      '--emit <engine>',
      `print a ready-to-run script for this sweep on a cluster engine (${EMIT_ENGINES.join(', ')}) instead of running it`,
    )
    .option(
      '--shards <n>',
      'with --emit: how many shards (array tasks) to split the sweep into (default 10); with merge: how many the sweep was split into, to name the shard to re-run when one is missing',
      positiveInteger('--shards'),
    )
    .addHelpText(
      'after',
      '\nEach finished run is one JSON line, appended and flushed at once: an interrupted sweep keeps every\n' +
        'finished run, and --resume runs only the rest. Lines hold no wall times, so the same jobs give the\n' +
        'same lines for any --jobs, --shard or interruption. One sweep writes a file at a time (FILE.lock);\n' +
        '--resume and merge check every line. See docs/scaling.md for Slurm and GNU parallel.\n\n' +
        'Examples:\n' +
        '  perceptron-sim sweep xor-perceptron --grid epochs=10,100 --seeds 1..20 --out xor.jsonl\n' +
        '  perceptron-sim sweep xor-perceptron --seeds 1..20 --shard 2/3 --out shard2.jsonl\n' +
        '  perceptron-sim sweep merge shard1.jsonl shard2.jsonl shard3.jsonl --out all.jsonl\n' +
        '  perceptron-sim sweep cover-capacity --seeds 1..1000 --emit slurm --shards 10 --jobs 8 > sweep.sbatch',
    )
    .action(async (experiment: string, files: string[], options: SweepCliOptions, command: Command) => {
      if (options.emit !== undefined) return emit(experiment, files, options, command);
      if (experiment !== 'merge' && !process.execArgv.includes(SINGLE_THREADED_GC)) {
        // bin/perceptron-sim.js re-runs plain `sweep <experiment> …` before loading the CLI; this
        // catches every other way in (main() called directly, options before the command).
        throw new ExitStatus(await rerunWithSingleThreadedGc());
      }
      if (process.channel) {
        // The re-run: if the process that started it is killed, stop too (as one process would).
        process.channel.unref();
        process.on('disconnect', () => process.exit(137));
      }
      // `--out -` is stdout, as when --out is not given.
      const out = options.out === '-' ? undefined : options.out;
      if (experiment === 'merge') {
        if (files.length === 0) throw new UserError('sweep merge: give the result files to merge');
        checkRunFiles(
          files.map((f) => ({ option: 'merge', path: f })),
          [{ option: '--out', path: out, what: 'merged sweep results' }],
        );
        const lines = mergeSweepFiles(files, { shards: options.shards });
        const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
        if (out !== undefined) writeFileAtomic(out, text, 'merged sweep results');
        else process.stdout.write(text);
        process.stderr.write(
          `merged ${lines.length} runs from ${files.length} file(s); none missing, none duplicated\n`,
        );
        return;
      }
      if (files.length > 0)
        throw new UserError(`sweep ${experiment}: unexpected extra arguments ${files.join(' ')}`);
      if (options.shards !== undefined)
        throw new UserError(
          '--shards goes with --emit or with merge; to run one shard here, use --shard K/N',
        );
      const bar = progressBar(`sweep ${experiment}`);
      if (out === '') throw new UserError('--out: empty path (give a file name, or - for stdout)');
      // Ctrl-C or SIGTERM: stop the workers, keep the finished runs, say how to resume (exit 130/143).
      // Later signals are ignored: stopping takes no time, and a terminal's Ctrl-C reaches this
      // process twice (from the terminal and passed on by the launcher).
      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (!stop.signal.aborted) stop.abort(signal);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let summary;
      try {
        summary = await runSweep({
          spec: {
            experiment,
            grid: parseGrid(options.grid),
            seeds: parseSeeds(options.seeds),
            full: options.full ?? false,
          },
          jobs: options.jobs,
          shard: options.shard ? parseShard(options.shard) : undefined,
          out,
          resume: options.resume,
          jobsMaxOverride: options.jobsMaxOverride,
          signal: stop.signal,
          note: (text) => process.stderr.write(`${text}\n`),
          progress: (done, total) => bar.update(total === 0 ? 1 : done / total),
          // The launcher (single-threaded-gc.ts) reports these if this process is killed.
          // (Only while connected: a launcher that has just died must not make this throw.)
          onRun: (done, total, running) => {
            if (process.connected)
              process.send?.(
                { type: SWEEP_PROGRESS, done, total, running, out: options.out },
                undefined,
                {},
                () => {},
              );
          },
        });
      } finally {
        bar.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      process.stderr.write(
        `sweep ${experiment}: ${summary.ran} run(s) done` +
          (summary.skipped ? `, ${summary.skipped} already in ${options.out}` : '') +
          (options.shard
            ? ` (shard ${options.shard}: ${summary.inShard} of ${summary.planned} jobs)`
            : ` (${summary.planned} jobs)`) +
          '\n',
      );
    });
}

/** `--emit ENGINE`: print the script that runs this sweep, sharded, on a cluster engine. */
function emit(experiment: string, files: string[], options: SweepCliOptions, command: Command): void {
  const engine = options.emit as EmitEngine;
  if (!(EMIT_ENGINES as readonly string[]).includes(engine))
    throw new UserError(`--emit ${options.emit}: expected one of ${EMIT_ENGINES.join(', ')}`);
  if (experiment === 'merge') throw new UserError('--emit goes with a sweep, not with merge');
  if (files.length > 0)
    throw new UserError(`sweep ${experiment}: unexpected extra arguments ${files.join(' ')}`);
  if (options.shard || options.out || options.resume)
    throw new UserError(
      '--emit writes the script to stdout and the script chooses --shard, --out and --resume itself; leave them out',
    );
  const spec = {
    experiment,
    grid: parseGrid(options.grid),
    seeds: parseSeeds(options.seeds),
    full: options.full ?? false,
  };
  validateSweep({ spec }); // a wrong experiment, key or value fails now, not on the cluster
  const id = sweepId(spec);
  const shards = options.shards ?? DEFAULT_EMIT_SHARDS;
  // A shard's worker threads: --jobs if given (this machine's core count says nothing of the nodes').
  const cpus = command.getOptionValueSource('jobs') === 'cli' ? options.jobs : DEFAULT_EMIT_CPUS;
  process.stdout.write(
    emitScript({
      engine,
      sweep: id,
      shards,
      cpusPerShard: cpus,
      // The canonical command (not argv): the same sweep gives the same script, byte for byte.
      command: `perceptron-sim sweep ${describeSweep(id)} --emit ${engine} --shards ${shards} --jobs ${cpus}`,
    }),
  );
}

/** Defaults of an emitted script: a modest array, one node's worth of cores per task. */
const DEFAULT_EMIT_SHARDS = 10;
const DEFAULT_EMIT_CPUS = 8;
