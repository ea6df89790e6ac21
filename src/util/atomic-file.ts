/**
 * The output layer: every file the program writes is written whole or not at all.
 *
 * A regular file (or a new one) is written to a temporary file in the target's own folder (so the
 * rename is atomic on the same file system); every write's byte count is checked (a short write is
 * retried, a write that stores nothing is a full disk), the data is fsynced, and only then is the
 * temporary file renamed over the target, which keeps its mode (and owner, when we may set it). On
 * any failure the temporary file is removed and the old file stays as it was.
 *
 * `-` is stdout. `/dev/stdout` and `/dev/stderr` (and their /dev/fd and /proc/self/fd names) are
 * the open descriptors themselves: they may be links to a file the shell opened, which must not be
 * renamed over. A path that exists and is not a regular file (a FIFO, a character device) is
 * opened and written in place. A symlink is followed: its target is replaced, the link stays.
 * Writes are buffered and synchronous, which keeps interrupt handling simple (nothing is in flight
 * in an event loop).
 */
import {
  closeSync,
  existsSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ExitStatus, UserError } from '../errors.js';
import { EnvironmentError, environmentError } from './system-error.js';
import { registerTemp, releaseTemp, removeStaleTemps, tempName } from './temp-files.js';

const FLUSH_BYTES = 1 << 16;

/** `writeSync`'s shape: how many bytes of `buffer[offset, offset + length)` were written. */
export type WriteFn = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

/** Names of the standard descriptors that are written as the descriptor, never opened or renamed. */
const STD_NAMES: Readonly<Record<string, number>> = {
  '-': 1,
  '/dev/stdout': 1,
  '/dev/fd/1': 1,
  '/proc/self/fd/1': 1,
  '/dev/stderr': 2,
  '/dev/fd/2': 2,
  '/proc/self/fd/2': 2,
};

/** Where an output goes. */
export type OutputTarget =
  | { kind: 'fd'; fd: number }
  | { kind: 'special'; path: string }
  | { kind: 'file'; path: string; mode?: number; uid?: number; gid?: number };

/** Sleep a millisecond without leaving the thread (a non-blocking descriptor said "try again"). */
function pauseBriefly(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}

/**
 * Write all of `data` to `fd`, looping on partial writes. A write that stores nothing, or fails,
 * is an EnvironmentError naming `path`; a descriptor that is not ready (EAGAIN) is waited for.
 */
export function writeAllSync(
  fd: number,
  data: string | Uint8Array,
  path: string,
  what = 'output file',
  write: WriteFn = writeSync,
): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let done = 0;
  while (done < buf.length) {
    let n: number;
    try {
      n = write(fd, buf, done, buf.length - done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        pauseBriefly();
        continue;
      }
      throw environmentError(err, path, `cannot write ${what}`);
    }
    if (!(n > 0)) {
      throw new EnvironmentError(
        `${path}: cannot write ${what}: only ${done} of ${buf.length} bytes were stored (is the disk full?)`,
        'ENOSPC',
      );
    }
    done += n;
  }
}

/** The real path of the file a symlink chain ends at, even when that file does not exist yet. */
function followLinks(path: string): string {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      break; // nothing there (yet): this is the name to create
    }
    if (!st.isSymbolicLink()) break;
    p = resolve(dirname(p), readlinkSync(p));
  }
  const dir = dirname(p);
  return join(existsSync(dir) ? realpathSync(dir) : dir, basename(p));
}

/** Check, before any work is done, that `file` can be written: not empty, its folder exists. */
export function checkOutputPath(file: string, what = 'output file'): void {
  resolveOutput(file, what);
}

/** Decide how `file` is written (see the file comment); UserError when it cannot be. */
export function resolveOutput(file: string, what = 'output file'): OutputTarget {
  if (file === '')
    throw new UserError(`cannot write ${what}: empty path (give a file name, or - for stdout)`);
  const std = STD_NAMES[file];
  if (std !== undefined) return { kind: 'fd', fd: std };
  let st;
  try {
    st = statSync(file, { throwIfNoEntry: false });
  } catch (err) {
    throw environmentError(err, file, `cannot write ${what}`);
  }
  if (st?.isDirectory()) throw new UserError(`${file}: cannot write ${what}: it is a folder`);
  if (st && !st.isFile()) return { kind: 'special', path: file };
  const target = followLinks(file);
  const dir = dirname(target);
  if (!existsSync(dir)) throw new UserError(`${file}: cannot write ${what}: folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory())
    throw new UserError(`${file}: cannot write ${what}: ${dir} is not a folder`);
  return st
    ? { kind: 'file', path: target, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid }
    : { kind: 'file', path: target };
}

export class AtomicFileWriter {
  /** The temporary file, or null when the output is written in place (stdout, FIFO, device). */
  readonly tempPath: string | null;
  private readonly target: OutputTarget;
  private fd: number | null;
  private readonly ownsFd: boolean;
  private buffer: string[] = [];
  private buffered = 0;
  private readonly writeFn: WriteFn;

  constructor(
    readonly path: string,
    private readonly what = 'output file',
    options: { write?: WriteFn } = {},
  ) {
    this.writeFn = options.write ?? writeSync;
    this.target = resolveOutput(path, what);
    const t = this.target;
    if (t.kind === 'fd') {
      this.tempPath = null;
      this.fd = t.fd;
      this.ownsFd = false;
      return;
    }
    this.ownsFd = true;
    if (t.kind === 'special') {
      this.tempPath = null;
      this.fd = this.attempt(() => openSync(t.path, 'w'), 'cannot open');
      return;
    }
    const dir = dirname(t.path);
    removeStaleTemps(dir);
    const temp = tempName(dir, basename(t.path));
    this.tempPath = temp;
    this.fd = this.attempt(() => openSync(temp, 'wx'), `cannot create a temporary file in ${dir} for`);
    registerTemp(temp);
    try {
      // The replaced file keeps its mode whatever the umask, and its owner when we may set it.
      if (t.mode !== undefined) fchmodSync(this.fd, t.mode);
      if (t.uid !== undefined && t.gid !== undefined && process.getuid?.() === 0) {
        fchownSync(this.fd, t.uid, t.gid);
      }
    } catch (err) {
      this.abort();
      throw environmentError(err, path, `cannot set the mode of ${what}`);
    }
  }

  /** Run a system call, reporting a failure as `path: doing what: cause`. */
  private attempt<T>(fn: () => T, doing: string): T {
    try {
      return fn();
    } catch (err) {
      throw environmentError(err, this.path, `${doing} ${this.what}`);
    }
  }

  write(text: string): void {
    if (this.fd === null) throw new Error(`write after close: ${this.path}`);
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.fd === null || this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    try {
      writeAllSync(this.fd, text, this.path, this.what, this.writeFn);
    } catch (err) {
      // `… --csv - | head`: the reader closing stdout early is its choice, as for all stdout (main.ts).
      if (this.target.kind === 'fd' && err instanceof EnvironmentError && err.code === 'EPIPE') {
        throw new ExitStatus(0);
      }
      throw err;
    }
  }

  /** Flush, fsync, close and move the file into place. On failure the old file is kept. */
  commit(): void {
    if (this.fd === null) return;
    this.flush();
    const fd = this.fd;
    this.fd = null;
    if (!this.ownsFd) return;
    if (this.tempPath === null) {
      this.attempt(() => closeSync(fd), 'cannot close');
      return;
    }
    const temp = this.tempPath;
    try {
      this.attempt(() => fsyncSync(fd), 'cannot flush to disk');
    } finally {
      closeSync(fd);
    }
    this.attempt(() => renameSync(temp, (this.target as { path: string }).path), 'cannot move into place');
    releaseTemp(temp);
    syncFolder(dirname(temp));
  }

  /** Close and delete the temporary file; the target is left as it was. */
  abort(): void {
    const fd = this.fd;
    this.fd = null;
    this.buffer = [];
    if (fd !== null && this.ownsFd) {
      try {
        closeSync(fd);
      } catch {
        // closing is all we wanted
      }
    }
    if (this.tempPath === null) return;
    try {
      unlinkSync(this.tempPath);
    } catch {
      // already gone
    }
    releaseTemp(this.tempPath);
  }
}

/** Make the rename itself durable; file systems that cannot fsync a folder are no error. */
function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Write a whole file atomically. */
export function writeFileAtomic(path: string, text: string, what = 'output file'): void {
  const w = new AtomicFileWriter(path, what);
  try {
    w.write(text);
    w.commit();
  } catch (err) {
    w.abort();
    throw err;
  }
}

/**
 * A log written line by line (sweep results), the one kind of output that is appended rather than
 * replaced: each line goes out whole with every byte counted, so a full disk is an error naming the
 * file, never a silently cut line.
 */
export class AppendLog {
  private fd: number | null;

  constructor(
    readonly path: string,
    private readonly what: string,
  ) {
    this.fd = openSync(path, 'a');
  }

  append(text: string): void {
    if (this.fd === null) throw new Error(`${this.path}: append after close`);
    writeAllSync(this.fd, text, this.path, this.what);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Cut a log back to its first `bytes` bytes (a line torn by an interrupted writer). */
  static truncate(path: string, bytes: number): void {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
  }
}
