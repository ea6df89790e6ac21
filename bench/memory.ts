/** Peak memory of `perceptron-sim run mnist-mark1-vs-mlp` (the built CLI, in a child process). */
import { CLI, cliMissing, runCli } from './cli.js';

export const MEMORY_EXPERIMENT = 'mnist-mark1-vs-mlp';

export type MemoryBenchResult =
  { skipped: string } | { experiment: string; command: string; maxRssBytes: number; wall: number };

export function benchMemory(): MemoryBenchResult {
  const missing = cliMissing();
  if (missing) return { skipped: missing };
  const list = runCli(['list', '--json']);
  if (list.status !== 0 || !list.stdout.includes(MEMORY_EXPERIMENT))
    return {
      skipped: `skipped: experiment ${MEMORY_EXPERIMENT} does not exist yet (or the CLI is not rebuilt)`,
    };
  const args = ['run', MEMORY_EXPERIMENT, '--json'];
  const r = runCli(args);
  if (r.status !== 0 || r.maxRssBytes === null)
    return {
      skipped: `skipped: ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.trim().split('\n')[0]}`,
    };
  return {
    experiment: MEMORY_EXPERIMENT,
    command: `node ${CLI.replace(/.*\/bin\//, 'bin/')} ${args.join(' ')}`,
    maxRssBytes: r.maxRssBytes,
    wall: r.wall,
  };
}
