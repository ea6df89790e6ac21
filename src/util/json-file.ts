/**
 * Reading JSON input files: a byte cap (a file of any size, even /dev/zero, stops with a message
 * before it fills memory), a nesting cap (no recursive code downstream can exhaust the stack), and
 * messages that name the file and the line and column of a syntax error.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';

/**
 * Largest JSON input file read whole (circuit, stimulus, `--init` weights, sweep results). An
 * assumption, not a measured need: the largest files the project ships are a few kB, weights of a
 * 784-input MLP a few MB; 64 MiB leaves room while keeping a mistaken `/dev/zero` harmless.
 */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

/** Deepest nesting of arrays and objects accepted; the project's formats need fewer than 10 levels. */
export const MAX_JSON_DEPTH = 256;

const READ_CHUNK = 1 << 16;
const NUMBER_AT = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Megabytes for messages. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

function readErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'is a directory, expected a file'
      : code === 'EACCES'
        ? 'permission denied'
        : String(code ?? err);
}

/**
 * Read a whole file as UTF-8, in chunks, refusing one larger than `maxBytes` as soon as it is
 * (special files such as /dev/zero or a pipe report no size, so the cap is counted while reading).
 */
export function readTextFile(file: string, what = 'file', maxBytes = MAX_JSON_FILE_BYTES): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new UserError(`${file}: cannot read ${what}: ${readErrorReason(err)}`);
  }
  const tooLarge = () =>
    new UserError(
      `${file}: ${what} is larger than the limit of ${formatBytes(maxBytes)}; is this the right file?`,
    );
  try {
    const st = fstatSync(fd);
    if (st.isDirectory())
      throw new UserError(`${file}: cannot read ${what}: is a directory, expected a file`);
    if (st.isFile() && st.size > maxBytes) throw tooLarge();
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, maxBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw new UserError(`${file}: cannot read ${what}: ${readErrorReason(err)}`);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge();
      parts.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(parts, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Throw a UserError naming the line and column where `text` nests deeper than MAX_JSON_DEPTH. */
export function checkJsonDepth(text: string, file: string, where = ''): void {
  const at = tooDeepAt(text);
  if (at < 0) return;
  throw new UserError(
    `${file}: ${where || `${lineColumn(text, at)}: `}arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`,
  );
}

function lineColumn(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `line ${line}, column ${pos - before.lastIndexOf('\n')}`;
}

/** Parse JSON text; a syntax error becomes a UserError with line, column and what was expected. */
export function parseJson(text: string, file: string): unknown {
  checkJsonDepth(text, file);
  try {
    return JSON.parse(text);
  } catch {
    const { pos, expected } = locateJsonError(text);
    const found = pos >= text.length ? 'end of file' : JSON.stringify(text[pos]);
    throw new UserError(
      `${file}: not valid JSON at ${lineColumn(text, pos)}: expected ${expected}, found ${found}`,
    );
  }
}

/**
 * Find where JSON text first goes wrong. Node's own messages do not always give a position, so this
 * small scanner (called only after JSON.parse failed) does. It keeps the open brackets on an explicit
 * stack instead of recursing: 15,000 nested `[` must give a message, not exhaust the call stack.
 */
export function locateJsonError(text: string): { pos: number; expected: string } {
  let i = 0;
  class Stop {
    constructor(
      readonly pos: number,
      readonly expected: string,
    ) {}
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`'${word}'`);
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] < ' ') fail('a closing quote (control characters must be escaped)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('a hex digit');
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an escape character');
      }
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
  };
  const number = () => {
    NUMBER_AT.lastIndex = i;
    const m = NUMBER_AT.exec(text);
    if (!m) fail('a number');
    i += m![0].length;
  };
  // What the scanner expects next; `stack` holds the brackets still open.
  type Mode = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after';
  const stack: string[] = [];
  let mode: Mode = 'value';
  try {
    for (;;) {
      ws();
      const c = text[i];
      if (mode === 'value' || mode === 'valueOrClose') {
        if (mode === 'valueOrClose' && c === ']') {
          i++;
          stack.pop();
          mode = 'after';
        } else if (c === '{') {
          i++;
          stack.push('}');
          mode = 'keyOrClose';
        } else if (c === '[') {
          i++;
          stack.push(']');
          mode = 'valueOrClose';
        } else {
          if (c === '"') string();
          else if (c === 't') literal('true');
          else if (c === 'f') literal('false');
          else if (c === 'n') literal('null');
          else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
          else fail('a JSON value');
          mode = 'after';
        }
      } else if (mode === 'key' || mode === 'keyOrClose') {
        if (mode === 'keyOrClose' && c === '}') {
          i++;
          stack.pop();
          mode = 'after';
          continue;
        }
        if (c !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        mode = 'value';
      } else {
        const close = stack[stack.length - 1];
        if (close === undefined) {
          if (i < text.length) fail('end of file after the JSON value');
          return { pos: i, expected: 'valid JSON' };
        }
        if (c === ',') {
          i++;
          mode = close === '}' ? 'key' : 'value';
        } else if (c === close) {
          i++;
          stack.pop();
        } else fail(`',' or '${close}'`);
      }
    }
  } catch (e) {
    if (e instanceof Stop) return { pos: e.pos, expected: e.expected };
    throw e;
  }
}

/**
 * How deeply `text` nests arrays and objects, counted without recursion and without parsing, so a
 * too-deep document is refused before any recursive code (validation, canonical JSON) sees it.
 * Returns the offset where the depth first exceeds `limit`, or -1.
 */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

export function readJsonFile(file: string, what = 'file', maxBytes = MAX_JSON_FILE_BYTES): unknown {
  return parseJson(readTextFile(file, what, maxBytes), file);
}
