/**
 * Problems outside the program: a full disk, a folder without write permission, a closed pipe, a
 * failing device. They are not bugs and not bad input in a file, but the user is the one who can
 * fix them, so they exit 2 like bad input, with one line naming the path and the cause.
 */
import { UserError } from '../errors.js';

/** What the system said, in words, for the errors a user can meet and act on. */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such file or folder',
  EPIPE: 'broken pipe (the reader went away)',
  ENXIO: 'no such device or address',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ETXTBSY: 'text file busy',
  EBUSY: 'device or resource busy',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EXDEV: 'not on the same file system',
};

/** An environment problem reported to the user: exit 2, one line, no stack trace. */
export class EnvironmentError extends UserError {
  constructor(
    message: string,
    /** The system error code (ENOSPC, EACCES, …), when one caused this. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** The error of a failed system call (it has a `code` and a `syscall`), if `err` is one we can name. */
export function systemErrorCode(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  return e.code in CAUSES ? e.code : undefined;
}

/** `no space left on device (ENOSPC)` for a known code, else the code itself. */
export function describeCause(code: string): string {
  return `${CAUSES[code] ?? 'system error'} (${code})`;
}

/**
 * `err` as an EnvironmentError saying `path: doing: cause`, when it is a system error we can
 * name; otherwise `err` unchanged (a bug stays a bug).
 */
export function environmentError(err: unknown, path: string, doing: string): unknown {
  if (err instanceof UserError) return err;
  const code = systemErrorCode(err);
  if (code === undefined) return err;
  return new EnvironmentError(`${path}: ${doing}: ${describeCause(code)}`, code);
}

/** A system error that reached the top without a path of ours: name the path the system gave. */
export function fromUncaughtSystemError(err: unknown): EnvironmentError | undefined {
  const code = systemErrorCode(err);
  if (code === undefined) return undefined;
  const e = err as NodeJS.ErrnoException;
  const where = e.path ?? (e as { dest?: string }).dest ?? e.syscall ?? 'system';
  return new EnvironmentError(`${where}: ${e.syscall ?? 'system call'} failed: ${describeCause(code)}`, code);
}
