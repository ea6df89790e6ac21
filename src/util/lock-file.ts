/**
 * One writer per sweep results file: a lock file beside it (`FILE.lock`) holding the writer's PID and
 * host, created with O_EXCL so that of two sweeps started together exactly one gets it. Without it,
 * two sweeps (or two `--resume`s) on one file both append every job and the file holds duplicates.
 *
 * A lock whose PID no longer runs on this host is stale (its sweep was killed, say by SIGKILL or the
 * out-of-memory killer) and is taken over with a note. A lock from another host cannot be checked
 * from here and is never taken over: the message says how to remove it.
 *
 * It lives with the output layer (src/util) because it creates, renames and removes files: every
 * file the program touches goes through this folder.
 */
import { closeSync, openSync, readFileSync, renameSync, linkSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';
import { writeAllSync } from './atomic-file.js';
import { processAlive } from './temp-files.js';

export interface SweepLock {
  readonly path: string;
  /** Remove the lock if it is still ours. Also runs when the process exits. */
  release(): void;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

export function lockPath(out: string): string {
  return `${out}.lock`;
}

function readLock(path: string): { raw: string; holder: Holder | null } | null {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`${path}: cannot read the sweep's lock: ${(err as Error).message}`);
  }
  try {
    const h = JSON.parse(raw) as Holder;
    const ok = Number.isSafeInteger(h.pid) && h.pid > 0 && typeof h.host === 'string';
    return { raw, holder: ok ? h : null };
  } catch {
    return { raw, holder: null };
  }
}

/**
 * Take the lock of the results file `out`, or exit 2 naming the lock and its holder. `note` receives
 * a line when a stale lock is taken over.
 */
export function acquireSweepLock(out: string, note: (text: string) => void = () => {}): SweepLock {
  const path = lockPath(out);
  const host = hostname();
  const mine = JSON.stringify({ pid: process.pid, host, since: new Date().toISOString() }) + '\n';
  // A few rounds: a stale lock taken over, or a holder that finishes while we look, means try again.
  for (let round = 0; round < 5; round++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UserError(`${path}: cannot create the sweep's lock: ${(err as Error).message}`);
      }
      const found = readLock(path);
      if (found === null) continue; // released between our open and read
      const h = found.holder;
      if (h === null) {
        // Empty: another sweep created it this instant and is writing its PID; or damage.
        throw new UserError(
          `${out}: locked by another sweep (${path} holds no PID yet); if no sweep is running on this file, remove ${path}`,
        );
      }
      // Our own PID in someone else's lock is a reused PID (a container restarted, say): stale.
      const stale = h.host === host && (h.pid === process.pid || !processAlive(h.pid));
      if (!stale) {
        throw new UserError(
          `${out}: another sweep is writing these results (lock ${path}: pid ${h.pid} on ${h.host}` +
            `${h.since ? `, since ${h.since}` : ''}); wait for it to finish` +
            (h.host === host ? '' : `, or remove ${path} if no sweep runs on ${h.host}`),
        );
      }
      if (takeOver(path, found.raw)) {
        note(`${path}: took over a stale lock of pid ${h.pid} on ${h.host}, which no longer runs`);
      }
      continue;
    }
    try {
      // Every byte counted; a lock we could not write whole (a full disk) is removed, not left
      // empty for the next sweep to refuse.
      writeAllSync(fd, mine, path, 'sweep lock');
    } catch (err) {
      closeSync(fd);
      unlinkSync(path);
      throw err;
    }
    closeSync(fd);
    const release = () => {
      process.off('exit', release);
      const now = readLock(path);
      if (now?.raw === mine) unlinkSync(path);
    };
    // process.exit() (a signal handler, the launcher gone) skips `finally`: release there too.
    process.on('exit', release);
    return { path, release };
  }
  throw new UserError(`${path}: could not take the sweep's lock; other sweeps keep taking it`);
}

/**
 * Remove a stale lock whose content was `raw`, and only that one: renaming is atomic, so of two
 * sweeps that both found it stale one moves it away; the other moves nothing or, if the first has
 * already made a new lock, moves that one, sees it is not the stale one, and puts it back.
 */
function takeOver(path: string, raw: string): boolean {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return false; // someone else moved it first
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treat as not the stale one
  }
  if (moved === raw) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, path); // put a live lock back; fails only if yet another lock appeared meanwhile
  } catch {
    // a newer lock holds the place
  }
  unlinkSync(aside);
  return false;
}
