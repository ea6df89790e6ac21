/**
 * Lines of a file, read synchronously in fixed-size chunks: memory stays bounded by the longest line,
 * and a caller can pull lines in step with a synchronous computation (`replay --verify` compares a
 * re-run against the file as the re-run goes).
 *
 * Lines are split on `\n` only and returned as the exact bytes (readline would also split on `\r`
 * and drop it, so two files differing in line endings would hash alike).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';

const CHUNK = 1 << 16;

/**
 * Longest trace line read (an assumption: a step of a 784-100-10 MLP that changes every weight is
 * about 2 MB; the header holds at most the small data sets' patterns). A file with no newline, such
 * as /dev/zero, stops here with a message instead of filling memory.
 */
export const MAX_TRACE_LINE_BYTES = 64 * 1024 * 1024;

export interface RawLine {
  readonly bytes: Buffer;
  /** False for a last line with no `\n` after it (a cut file). */
  readonly terminated: boolean;
}

export class LineSource {
  private fd: number | null;
  private chunk = Buffer.allocUnsafe(CHUNK);
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private lineNo = 0;
  private eof = false;

  constructor(
    readonly file: string,
    readonly maxLineBytes = MAX_TRACE_LINE_BYTES,
  ) {
    this.fd = openSync(file, 'r');
  }

  next(): RawLine | null {
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.pos);
      if (nl >= 0) {
        const piece = this.buf.subarray(this.pos, nl);
        this.pos = nl + 1;
        if (this.partBytes + piece.length > this.maxLineBytes) this.tooLong();
        const bytes = this.parts.length === 0 ? Buffer.from(piece) : Buffer.concat([...this.parts, piece]);
        this.parts = [];
        this.partBytes = 0;
        this.lineNo++;
        return { bytes, terminated: true };
      }
      if (this.pos < this.buf.length) {
        this.partBytes += this.buf.length - this.pos;
        if (this.partBytes > this.maxLineBytes) this.tooLong();
        this.parts.push(Buffer.from(this.buf.subarray(this.pos)));
      }
      this.buf = Buffer.alloc(0);
      this.pos = 0;
      if (this.eof || this.fd === null) {
        if (this.parts.length === 0) return null;
        const bytes = Buffer.concat(this.parts);
        this.parts = [];
        this.partBytes = 0;
        this.lineNo++;
        return { bytes, terminated: false };
      }
      const n = readSync(this.fd, this.chunk, 0, CHUNK, null);
      if (n === 0) {
        this.eof = true;
        this.close();
      } else {
        this.buf = this.chunk.subarray(0, n);
      }
    }
  }

  private tooLong(): never {
    this.close();
    this.parts = [];
    throw new UserError(
      `${this.file}: line ${this.lineNo + 1}: longer than the limit of ${this.maxLineBytes / (1024 * 1024)} MiB per line; not a perceptron-sim trace?`,
    );
  }

  close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}
