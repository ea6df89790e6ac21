#!/usr/bin/env bash
# Stop a private Slurm started by slurm-up.sh, in the order that leaves no job step running:
# cancel the jobs, wait for the queue to empty, then the daemons by PID, then munged.
set -uo pipefail
dir=${1:?usage: slurm-down.sh DIR}
[ -f "$dir/env.sh" ] && . "$dir/env.sh"
if [ -n "${SLURM_CONF:-}" ]; then
  scancel --full --quiet --user=root 2>/dev/null || true
  for _ in $(seq 50); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
fi
for name in slurmd.daemon slurmctld.daemon munged; do
  pid=$(cat "$dir/$name.pid" 2>/dev/null) || continue
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
done
rm -rf "$dir"
