#!/bin/bash
# A perceptron-sim sweep with GNU parallel: SWEEP_SHARDS shards, SWEEP_SLOTS at a time, then the merge.
# Made by: perceptron-sim sweep cover-capacity --seeds 1..1000 --emit parallel --shards 4 --jobs 8
#
# Run it from the folder that should hold the results:     bash sweep-parallel.sh
# Each shard runs with --resume: after a failure, run the same command again and only the unfinished
# jobs run. On several machines, list them (one user@host per line, each with perceptron-sim
# installed) and set SWEEP_HOSTS=hosts.txt: each host runs one shard at a time in its home folder and
# parallel copies the shard's file back (untested here: it needs ssh hosts).
set -euo pipefail
set -f # the sweep's options are plain words: no globbing
: "${SWEEP_EXPERIMENT:=cover-capacity}"
: "${SWEEP_ARGS:=--seeds 1..1000}"
: "${SWEEP_SHARDS:=4}"
: "${SWEEP_CPUS:=8}" # worker threads in each shard
: "${SWEEP_DIR:=results}" # shard files, logs and the merged file
: "${PERCEPTRON_SIM:=perceptron-sim}" # the installed command (see docs/scaling.md)
: "${SWEEP_SLOTS:=1}" # shards at once (per host with SWEEP_HOSTS)
: "${SWEEP_HOSTS:=}"

mkdir -p "$SWEEP_DIR"
remote=()
if [ -n "$SWEEP_HOSTS" ]; then
  remote=(--sshloginfile "$SWEEP_HOSTS" --return "$SWEEP_DIR/shard-{}.jsonl" --cleanup)
fi
seq 1 "$SWEEP_SHARDS" | parallel --will-cite --halt now,fail=1 -j "$SWEEP_SLOTS" "${remote[@]}" \
  "mkdir -p $SWEEP_DIR && $PERCEPTRON_SIM sweep $SWEEP_EXPERIMENT $SWEEP_ARGS --jobs $SWEEP_CPUS --shard {}/$SWEEP_SHARDS --out $SWEEP_DIR/shard-{}.jsonl --resume"
set +f
$PERCEPTRON_SIM sweep merge --shards "$SWEEP_SHARDS" "$SWEEP_DIR"/shard-*.jsonl --out "$SWEEP_DIR/$SWEEP_EXPERIMENT.jsonl"
