/**
 * Files written whole or not at all.
 *
 * Output goes to a hidden temporary file in the target's own folder (so the final rename is atomic
 * on the same file system) and is renamed into place by `commit()`. `abort()` removes the temporary
 * file. Writes are buffered and synchronous: a record handed to `write` is on disk once the buffer
 * flushes, which keeps interrupt handling simple (nothing is in flight in an event loop).
 */
import { closeSync, existsSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

const FLUSH_BYTES = 1 << 16;

/** Check, before any work is done, that `file` can be created: its folder exists and is a folder. */
export function checkOutputPath(file: string, what = 'output file'): void {
  const dir = dirname(resolve(file));
  if (!existsSync(dir)) throw new UserError(`${file}: cannot write ${what}: folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory())
    throw new UserError(`${file}: cannot write ${what}: ${dir} is not a folder`);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new UserError(`${file}: cannot write ${what}: it is a folder`);
  }
}

export class AtomicFileWriter {
  readonly tempPath: string;
  private fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(
    readonly path: string,
    what = 'output file',
  ) {
    checkOutputPath(path, what);
    this.tempPath = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.tempPath, 'w');
  }

  write(text: string): void {
    if (this.fd === null) throw new Error(`write after close: ${this.path}`);
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.fd === null || this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  /** Flush, close and move the file into place. */
  commit(): void {
    if (this.fd === null) return;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tempPath, this.path);
  }

  /** Close and delete the temporary file; the target is left as it was. */
  abort(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    try {
      unlinkSync(this.tempPath);
    } catch {
      // already gone
    }
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
