/**
 * The output layer's temporary files: named so that any later run can tell whose they are, listed
 * while they live so that every way out of the process removes them.
 *
 * A temporary file is `.NAME.perceptron-sim-tmp-PID-RAND` beside its target. The process removes
 * its own on commit, on abort, and in an `exit` hook (which `process.exit` runs, so a second Ctrl-C
 * is covered too). A process killed outright (SIGKILL, out of memory, power loss) cannot clean up;
 * the next write into the same folder removes every such file whose PID is no longer alive.
 * Commands whose work is synchronous run in a worker thread (cli/traced-worker.ts) so that the main
 * thread stays free to receive SIGINT, SIGTERM and SIGHUP; the worker reports its temporary files
 * here through `setTempListener`, and the main thread removes them before it exits.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export const TEMP_MARK = '.perceptron-sim-tmp-';
const TEMP_NAME = /^\..*\.perceptron-sim-tmp-(\d+)-[0-9a-f]+$/;

const live = new Set<string>();
let hooked = false;
let listener: ((op: 'add' | 'remove', path: string) => void) | null = null;

/**
 * A fresh temporary name for `base` in `dir`. The random part only keeps two writers of one
 * process (the main thread and a worker share a PID) apart; it never reaches any output, so it
 * does not come from the project's seeded generator.
 */
export function tempName(dir: string, base: string): string {
  return join(dir, `.${base}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Called on every temporary file created or released (the traced worker forwards them). */
export function setTempListener(fn: ((op: 'add' | 'remove', path: string) => void) | null): void {
  listener = fn;
}

/** Remember a temporary file until it is renamed or removed. */
export function registerTemp(path: string): void {
  live.add(path);
  if (!hooked) {
    hooked = true;
    process.on('exit', removeLiveTemps);
  }
  listener?.('add', path);
}

/** Forget a temporary file (renamed into place, or removed). */
export function releaseTemp(path: string): void {
  live.delete(path);
  listener?.('remove', path);
}

/** The temporary files this thread still holds (tests). */
export function liveTemps(): string[] {
  return [...live];
}

/** Remove every temporary file still held: the exit hook, and signal handlers before they exit. */
export function removeLiveTemps(): void {
  for (const path of live) {
    try {
      unlinkSync(path);
    } catch {
      // already renamed or removed
    }
  }
  live.clear();
}

/** Whether a process with this id exists (EPERM: it does, but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporary files in `dir` left by processes that no longer run. Best effort: a folder
 * that cannot be listed, or a file another run removes first, is no error. A PID reused by an
 * unrelated process keeps its file until that process ends too (the safe side).
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}
