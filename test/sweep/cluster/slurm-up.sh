#!/usr/bin/env bash
# Start a private single-node Slurm (munged + slurmctld + slurmd) under one temporary folder, as root,
# without systemd and without touching /etc. Prints the folder; source "$DIR/env.sh" to use it
# (it sets SLURM_CONF) and run slurm-down.sh "$DIR" to stop it.
# Usage: slurm-up.sh [CPUS]   (exit 0 when the node is idle; 3 with a reason when this machine cannot)
set -euo pipefail
cpus=${1:-2}
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" >/dev/null || { echo "slurm-up: $tool not installed" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "slurm-up: needs root (slurmd runs jobs as their user)" >&2; exit 3; }

dir=$(mktemp -d /tmp/perceptron-slurm.XXXXXX)
chmod 755 "$dir" # munged refuses a socket folder of mode 700
mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
chmod 755 "$dir/munge"
head -c 1024 /dev/urandom >"$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"
munged -F --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
  --seed-file="$dir/munge/munge.seed" --force </dev/null >>"$dir/log/munged.out" 2>&1 &
echo $! >"$dir/munged.pid"

host=$(hostname -s)
# Ports picked from the folder's random name so that two runs on one machine do not collide.
base=$((20000 + (RANDOM % 2000) * 2))
cat >"$dir/slurm.conf" <<CONF
ClusterName=perceptron
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmctldPort=${base}
SlurmdPort=$((base + 1))
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} State=UNKNOWN
PartitionName=main Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
echo "export SLURM_CONF=$dir/slurm.conf" >"$dir/env.sh"
export SLURM_CONF=$dir/slurm.conf

# munged must answer before the daemons authenticate.
for _ in $(seq 50); do [ -S "$dir/munge/munge.socket" ] && break; sleep 0.1; done
slurmctld -D -c -f "$SLURM_CONF" </dev/null >>"$dir/log/slurmctld.out" 2>&1 &
echo $! >"$dir/slurmctld.daemon.pid"
slurmd -D -f "$SLURM_CONF" </dev/null >>"$dir/log/slurmd.out" 2>&1 &
echo $! >"$dir/slurmd.daemon.pid"

for _ in $(seq 150); do
  state=$(sinfo -h -N -o %t 2>/dev/null || true)
  if [ "$state" = idle ]; then
    echo "$dir"
    exit 0
  fi
  sleep 0.2
done
echo "slurm-up: the node never became idle (state '${state:-none}'); logs in $dir/log" >&2
tail -5 "$dir/log/"*.log >&2 || true
exit 3
