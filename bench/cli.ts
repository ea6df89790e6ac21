/**
 * Running the built command line from a benchmark: `bin/perceptron-sim.js` (which loads `dist/`, built
 * by `npm install` through `prepare`, or `npm run build`). Peak memory is read in the child itself:
 * a preloaded module prints `process.resourceUsage().maxRSS` on exit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from './common.js';

export const CLI = join(REPO_DIR, 'bin', 'perceptron-sim.js');
const MAX_RSS_MARK = 'PERCEPTRON_SIM_BENCH_MAXRSS_KB=';
const PRELOAD =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\n' +
  MAX_RSS_MARK +
  '"+process.resourceUsage().maxRSS+"\\n"))';

/** Why the CLI cannot run, or null. */
export function cliMissing(): string | null {
  return existsSync(join(REPO_DIR, 'dist', 'cli', 'main.js'))
    ? null
    : 'skipped: the CLI is not built (npm run build)';
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  wall: number;
  /** Peak resident set size of the child, bytes. */
  maxRssBytes: number | null;
}

export function runCli(args: readonly string[]): CliRun {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', PRELOAD, CLI, ...args], {
    cwd: REPO_DIR,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = new RegExp(`${MAX_RSS_MARK}(\\d+)`).exec(r.stderr);
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    wall,
    maxRssBytes: m ? Number(m[1]) * 1024 : null,
  };
}
