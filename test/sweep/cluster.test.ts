// Sweeps on real cluster engines: a private single-node Slurm (array job + dependent merge) and GNU
// parallel, each running the script that `sweep --emit` prints (and the committed recipe), with the
// command installed from an `npm pack` tarball as docs/scaling.md tells a cluster's nodes to do.
// The merged result must equal a single-process sweep. Needs root and Debian's slurmctld, slurmd,
// slurm-client, munge and parallel: .ci/run installs them; elsewhere this file installs them when it
// runs as root, or says plainly what it skipped and why.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const PACKAGES = ['slurmctld', 'slurmd', 'slurm-client', 'munge', 'parallel'];
const TOOLS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'sinfo', 'parallel'];
const CLUSTER = join(ROOT, 'test/sweep/cluster');
// A small sweep: 6 jobs in 3 shards, a few seconds of work in all.
const SWEEP = ['novikoff-bound', '--seeds', '1..6'];
const SHARDS = 3;

function sh(command: string, options: SpawnSyncOptions = {}) {
  const r = spawnSync('bash', ['-c', command], { encoding: 'utf8', ...options });
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

const have = (tool: string) => sh(`command -v ${tool}`).status === 0;

/** Why this machine cannot run the cluster tests, or undefined when it can (installing what it may). */
function missingReason(): string | undefined {
  if (TOOLS.every(have)) return undefined;
  if (process.getuid?.() !== 0)
    return `needs ${TOOLS.filter((t) => !have(t)).join(', ')}; install as root: apt-get install ${PACKAGES.join(' ')}`;
  const install = sh(
    `apt-get install -y -qq ${PACKAGES.join(' ')} >/dev/null 2>&1 || ` +
      `(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${PACKAGES.join(' ')}) >/dev/null 2>&1`,
    { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000 },
  );
  if (install.status !== 0 || !TOOLS.every(have))
    return `could not install ${PACKAGES.join(' ')} with apt-get (${install.stderr.trim().split('\n').pop() ?? 'no reason given'})`;
  return undefined;
}

const skipReason = missingReason();
if (skipReason) {
  process.stderr.write(
    `test/sweep/cluster.test.ts: SKIPPED the Slurm and GNU parallel tests: ${skipReason}\n`,
  );
}

describe.skipIf(skipReason !== undefined)('sweeps on cluster engines', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let reference: string;

  beforeAll(() => {
    // Install the command from a tarball, as a cluster node would (dist/ is built by the global setup).
    work = tempDir('psim-cluster-');
    const pack = sh(`npm pack --ignore-scripts --silent --pack-destination "${work}"`, { cwd: ROOT });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(work, pack.stdout.trim().split('\n').pop()!);
    const prefix = join(work, 'prefix');
    const install = sh(
      `npm install -g --prefix "${prefix}" "${tarball}" --ignore-scripts --no-audit --no-fund --prefer-offline`,
      { cwd: work },
    );
    expect(install.status, install.stderr).toBe(0);
    env = {
      ...process.env,
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
      NO_COLOR: '1',
      PARALLEL_HOME: tempDir('psim-parallel-home-'),
    };
    delete env.PERCEPTRON_SIM;
    // The installed command, not the checkout's.
    expect(sh('command -v perceptron-sim', { env }).stdout.trim()).toBe(join(prefix, 'bin/perceptron-sim'));
    const single = sh(`perceptron-sim sweep ${SWEEP.join(' ')} --jobs 1 --out ref.jsonl`, { cwd: work, env });
    expect(single.status, single.stderr).toBe(0);
    reference = readFileSync(join(work, 'ref.jsonl'), 'utf8');
    expect(reference.trim().split('\n')).toHaveLength(6);
  }, 240_000);

  describe('Slurm', () => {
    let cluster: string | undefined;
    beforeAll(() => {
      const up = sh(`timeout 60 bash "${join(CLUSTER, 'slurm-up.sh')}" 2`, { env });
      expect(up.status, `the private Slurm did not start: ${up.stderr}`).toBe(0);
      cluster = up.stdout.trim();
      env = { ...env, SLURM_CONF: join(cluster, 'slurm.conf') };
    }, 90_000);
    afterAll(() => {
      if (cluster) sh(`bash "${join(CLUSTER, 'slurm-down.sh')}" "${cluster}"`, { env, timeout: 60_000 });
    });

    it('the emitted script and the committed recipe, submitted unchanged, merge to the single-process result', async () => {
      const emitted = sh(`perceptron-sim sweep ${SWEEP.join(' ')} --emit slurm --shards ${SHARDS} --jobs 1`, {
        cwd: work,
        env,
      });
      expect(emitted.status, emitted.stderr).toBe(0);
      const script = join(tempDir('psim-slurm-emit-'), 'sweep.sbatch');
      sh(`cat > "${script}"`, { input: emitted.stdout });
      const recipeDir = tempDir('psim-slurm-recipe-');
      const submissions = [
        sh(`bash "${script}"`, { cwd: work, env }),
        // The recipe in docs/, with the small sweep passed in through the environment.
        sh(`bash "${join(ROOT, 'docs/recipes/sweep.sbatch')}"`, {
          cwd: recipeDir,
          env: {
            ...env,
            SWEEP_EXPERIMENT: SWEEP[0],
            SWEEP_ARGS: SWEEP.slice(1).join(' '),
            SWEEP_SHARDS: String(SHARDS),
            SWEEP_CPUS: '1',
          },
        }),
      ];
      for (const s of submissions) expect(s.status, s.stderr).toBe(0);
      expect(submissions[0].stdout).toMatch(/submitted array job \d+ \(shards 1-3 of 3\) and merge job \d+/);
      await waitForEmptyQueue(env, 150_000);
      for (const dir of [work, recipeDir]) {
        const merged = join(dir, 'results', 'novikoff-bound.jsonl');
        const logs = join(dir, 'results', 'logs');
        expect(readdirSync(logs).sort()).toEqual(['merge.log', 'shard-1.log', 'shard-2.log', 'shard-3.log']);
        expect(readFileSync(merged, 'utf8'), readFileSync(join(logs, 'merge.log'), 'utf8')).toBe(reference);
      }
    }, 200_000);
  });

  it('GNU parallel: the emitted script merges to the single-process result', () => {
    const dir = tempDir('psim-parallel-');
    const emitted = sh(
      `perceptron-sim sweep ${SWEEP.join(' ')} --emit parallel --shards ${SHARDS} --jobs 1`,
      {
        cwd: dir,
        env,
      },
    );
    expect(emitted.status, emitted.stderr).toBe(0);
    const script = join(dir, 'sweep-parallel.sh');
    sh(`cat > "${script}"`, { input: emitted.stdout });
    const run = sh(`bash "${script}"`, { cwd: dir, env: { ...env, SWEEP_SLOTS: '2' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/merged 6 runs from 3 file\(s\)/);
    expect(readFileSync(join(dir, 'results', 'novikoff-bound.jsonl'), 'utf8')).toBe(reference);
  }, 120_000);
});

async function waitForEmptyQueue(env: NodeJS.ProcessEnv, limitMs: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    const q = sh('squeue -h -o "%i %T %r"', { env });
    if (q.status === 0 && q.stdout.trim() === '') return;
    if (Date.now() - start > limitMs)
      throw new Error(`Slurm jobs still queued after ${limitMs} ms:\n${q.stdout}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
