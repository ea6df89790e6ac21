/**
 * The files of one run, checked before any work: no output path empty, every output's folder
 * there, and no output that is one of the run's inputs or another of its outputs (which would
 * destroy the input, or silently drop one output).
 *
 * Two paths are the same file when their resolved real paths are equal, or when both exist and
 * have the same device and inode (hard links, bind mounts). Outputs written in place (stdout,
 * FIFOs, devices such as /dev/null) are not compared: two outputs into /dev/null are fine.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { resolveOutput } from './atomic-file.js';

/** A file the run names: the option (or argument) that named it, and the path. */
export interface RunFile {
  readonly option: string;
  readonly path: string | undefined;
  /** For outputs: what is written, for messages ("trace file"). */
  readonly what?: string;
}

interface Identity {
  readonly file: RunFile;
  readonly real: string;
  readonly inode: string | null;
}

function identify(file: RunFile & { path: string }): Identity | null {
  let st;
  try {
    st = statSync(file.path, { throwIfNoEntry: false });
  } catch {
    return null; // unreadable: the reader or writer will say why
  }
  if (st && !st.isFile()) return null;
  let real: string;
  try {
    real = st ? realpathSync(file.path) : resolve(file.path);
    if (!st) {
      const dir = dirname(real);
      if (existsSync(dir)) real = join(realpathSync(dir), basename(real));
    }
  } catch {
    real = resolve(file.path);
  }
  return { file, real, inode: st ? `${st.dev}:${st.ino}` : null };
}

function same(a: Identity, b: Identity): boolean {
  return a.real === b.real || (a.inode !== null && a.inode === b.inode);
}

function named(f: RunFile): string {
  return `${f.option} ${f.path}`;
}

/**
 * Check a run's inputs and outputs (undefined paths are options not given). Throws a UserError
 * (exit 2) naming both files of a clash.
 */
export function checkRunFiles(inputs: readonly RunFile[], outputs: readonly RunFile[]): void {
  const given = (list: readonly RunFile[]) =>
    list.filter((f): f is RunFile & { path: string } => f.path !== undefined);
  const outs = given(outputs);
  for (const out of outs) {
    if (out.path === '') throw new UserError(`${out.option}: empty path (give a file name, or - for stdout)`);
    resolveOutput(out.path, out.what);
  }
  const inIds = given(inputs)
    .filter((f) => f.path !== '' && f.path !== '-')
    .map(identify)
    .filter((x): x is Identity => x !== null);
  const outIds: Identity[] = [];
  for (const out of outs) {
    const target = resolveOutput(out.path, out.what);
    if (target.kind !== 'file') continue;
    const id = identify(out);
    if (id === null) continue;
    const input = inIds.find((i) => same(i, id));
    if (input) {
      throw new UserError(
        `${named(out)}: is the same file as the input ${named(input.file)}; writing it would destroy the input`,
        'choose another output file',
      );
    }
    const other = outIds.find((o) => same(o, id));
    if (other) {
      throw new UserError(
        `${named(out)}: is the same file as the output ${named(other.file)}; one would overwrite the other`,
        'give each output its own file',
      );
    }
    outIds.push(id);
  }
}
