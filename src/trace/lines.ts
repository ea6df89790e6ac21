/**
 * Lines of a file, read synchronously in fixed-size chunks: memory stays bounded by the longest line,
 * and a caller can pull lines in step with a synchronous computation (`replay --verify` compares a
 * re-run against the file as the re-run goes).
 *
 * Lines are split on `\n` only and returned as the exact bytes (readline would also split on `\r`
 * and drop it, so two files differing in line endings would hash alike).
 */
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 16;

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
  private eof = false;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'r');
  }

  next(): RawLine | null {
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.pos);
      if (nl >= 0) {
        const piece = this.buf.subarray(this.pos, nl);
        this.pos = nl + 1;
        const bytes = this.parts.length === 0 ? Buffer.from(piece) : Buffer.concat([...this.parts, piece]);
        this.parts = [];
        return { bytes, terminated: true };
      }
      if (this.pos < this.buf.length) this.parts.push(Buffer.from(this.buf.subarray(this.pos)));
      this.buf = Buffer.alloc(0);
      this.pos = 0;
      if (this.eof || this.fd === null) {
        if (this.parts.length === 0) return null;
        const bytes = Buffer.concat(this.parts);
        this.parts = [];
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

  close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}
