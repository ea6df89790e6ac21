/**
 * `sweep … --emit slurm|parallel`: the ready-to-run script for exactly this sweep on a cluster engine.
 *
 * One template per engine serves both the emitted scripts and the recipes in docs/recipes/ (which are
 * this output for the docs' example sweep, checked by a test): every setting is a shell variable whose
 * default is the sweep's own value, so the same file can be re-used with other settings from the
 * environment (`SWEEP_SHARDS=20 bash sweep.sbatch`). Each shard runs with `--resume`, so a requeued or
 * re-run shard continues where it stopped, and the merge names the shard to re-run when one is missing.
 */
import { UserError } from '../errors.js';
import { describeSweep, type SweepId } from './plan.js';

export const EMIT_ENGINES = ['slurm', 'parallel'] as const;
export type EmitEngine = (typeof EMIT_ENGINES)[number];

export interface EmitOptions {
  readonly engine: EmitEngine;
  readonly sweep: SweepId;
  /** How many shards (Slurm array tasks, parallel jobs). */
  readonly shards: number;
  /** Worker threads inside each shard (Slurm: the task's CPUs). */
  readonly cpusPerShard: number;
  /** The command line that made the script, recorded in its header. */
  readonly command: string;
}

// The sweep's options go into the script as one shell word list; only characters that need no
// quoting in any shell are allowed, so the script cannot be broken (or subverted) by a value.
const SAFE_WORD = /^[A-Za-z0-9._,=:+/@%-]+$/;

/** The options after the experiment id that select this sweep's jobs (`--grid …`, `--seeds …`, `--full`). */
export function sweepArgs(sweep: SweepId): string {
  const args = describeSweep(sweep).slice(sweep.experiment.length).trim();
  for (const word of [sweep.experiment, ...args.split(/\s+/)]) {
    if (!SAFE_WORD.test(word)) {
      throw new UserError(
        `--emit: '${word}' holds a character a shell would interpret; use only letters, digits and . , = : + / @ % - in grid values`,
      );
    }
  }
  return args;
}

export function emitScript(options: EmitOptions): string {
  if (!Number.isSafeInteger(options.shards) || options.shards < 1)
    throw new UserError(`--shards must be a whole number ≥ 1, got ${options.shards}`);
  const settings = [
    `: "\${SWEEP_EXPERIMENT:=${options.sweep.experiment}}"`,
    `: "\${SWEEP_ARGS:=${sweepArgs(options.sweep)}}"`,
    `: "\${SWEEP_SHARDS:=${options.shards}}"`,
    `: "\${SWEEP_CPUS:=${options.cpusPerShard}}" # worker threads in each shard`,
    `: "\${SWEEP_DIR:=results}" # shard files, logs and the merged file`,
    `: "\${PERCEPTRON_SIM:=perceptron-sim}" # the installed command (see docs/scaling.md)`,
  ].join('\n');
  return options.engine === 'slurm' ? slurm(options, settings) : parallel(options, settings);
}

function slurm(options: EmitOptions, settings: string): string {
  return `#!/bin/bash
# A perceptron-sim sweep as a Slurm array job, with a merge job that runs once every shard succeeded.
# Made by: ${options.command}
#
# Submit it from the folder that should hold the results:     bash sweep.sbatch
# It submits itself as an array of SWEEP_SHARDS tasks (each one shard, with --resume), then the merge
# (--kill-on-invalid-dep: if a shard fails, the merge is cancelled instead of pending forever).
# Re-run shard K after a failure (it continues where it stopped), with a new merge:
#     SWEEP_ONLY=K bash sweep.sbatch
# Any setting below can be changed from the environment, e.g. SWEEP_SHARDS=20 bash sweep.sbatch.
#SBATCH --job-name=perceptron-sweep
#SBATCH --nodes=1
#SBATCH --ntasks=1
set -euo pipefail
set -f # the sweep's options are plain words: no globbing
${settings}

if [ -z "\${SLURM_ARRAY_TASK_ID:-}" ]; then
  # Submission (run with bash): this same file as the array, then the merge.
  mkdir -p "$SWEEP_DIR/logs"
  export SWEEP_EXPERIMENT SWEEP_ARGS SWEEP_SHARDS SWEEP_CPUS SWEEP_DIR PERCEPTRON_SIM
  array=$(sbatch --parsable --array="\${SWEEP_ONLY:-1-$SWEEP_SHARDS}" --cpus-per-task="$SWEEP_CPUS" \\
    --output="$SWEEP_DIR/logs/shard-%a.log" "$0")
  array=\${array%%;*}
  merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \\
    --job-name=perceptron-sweep-merge --output="$SWEEP_DIR/logs/merge.log" \\
    --wrap="$PERCEPTRON_SIM sweep merge --shards $SWEEP_SHARDS $SWEEP_DIR/shard-*.jsonl --out $SWEEP_DIR/$SWEEP_EXPERIMENT.jsonl")
  echo "submitted array job $array (shards \${SWEEP_ONLY:-1-$SWEEP_SHARDS} of $SWEEP_SHARDS) and merge job $merge"
  echo "results: $SWEEP_DIR/$SWEEP_EXPERIMENT.jsonl once both have finished (squeue shows them until then)"
  exit 0
fi

# One array task: one shard.
# shellcheck disable=SC2086 # SWEEP_ARGS is a word list on purpose
exec $PERCEPTRON_SIM sweep "$SWEEP_EXPERIMENT" $SWEEP_ARGS --jobs "\${SLURM_CPUS_PER_TASK:-$SWEEP_CPUS}" \\
  --shard "$SLURM_ARRAY_TASK_ID/$SWEEP_SHARDS" --out "$SWEEP_DIR/shard-$SLURM_ARRAY_TASK_ID.jsonl" --resume
`;
}

function parallel(options: EmitOptions, settings: string): string {
  return `#!/bin/bash
# A perceptron-sim sweep with GNU parallel: SWEEP_SHARDS shards, SWEEP_SLOTS at a time, then the merge.
# Made by: ${options.command}
#
# Run it from the folder that should hold the results:     bash sweep-parallel.sh
# Each shard runs with --resume: after a failure, run the same command again and only the unfinished
# jobs run. On several machines, list them (one user@host per line, each with perceptron-sim
# installed) and set SWEEP_HOSTS=hosts.txt: each host runs one shard at a time in its home folder and
# parallel copies the shard's file back (untested here: it needs ssh hosts).
set -euo pipefail
set -f # the sweep's options are plain words: no globbing
${settings}
: "\${SWEEP_SLOTS:=1}" # shards at once (per host with SWEEP_HOSTS)
: "\${SWEEP_HOSTS:=}"

mkdir -p "$SWEEP_DIR"
remote=()
if [ -n "$SWEEP_HOSTS" ]; then
  remote=(--sshloginfile "$SWEEP_HOSTS" --return "$SWEEP_DIR/shard-{}.jsonl" --cleanup)
fi
seq 1 "$SWEEP_SHARDS" | parallel --will-cite --halt now,fail=1 -j "$SWEEP_SLOTS" "\${remote[@]}" \\
  "mkdir -p $SWEEP_DIR && $PERCEPTRON_SIM sweep $SWEEP_EXPERIMENT $SWEEP_ARGS --jobs $SWEEP_CPUS --shard {}/$SWEEP_SHARDS --out $SWEEP_DIR/shard-{}.jsonl --resume"
set +f
$PERCEPTRON_SIM sweep merge --shards "$SWEEP_SHARDS" "$SWEEP_DIR"/shard-*.jsonl --out "$SWEEP_DIR/$SWEEP_EXPERIMENT.jsonl"
`;
}
