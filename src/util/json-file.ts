/** Reading JSON input files with messages that name the file and the line and column of a syntax error. */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';

export function readTextFile(file: string, what = 'file'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, expected a file'
          : String(code ?? err);
    throw new UserError(`${file}: cannot read ${what}: ${reason}`);
  }
}

/** Parse JSON text; a syntax error becomes a UserError with line, column and what was expected. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { pos, expected } = locateJsonError(text);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    const found = pos >= text.length ? 'end of file' : JSON.stringify(text[pos]);
    throw new UserError(
      `${file}: not valid JSON at line ${line}, column ${column}: expected ${expected}, found ${found}`,
    );
  }
}

/**
 * Find where JSON text first goes wrong. Node's own messages do not always give a position, so this
 * small recursive-descent scanner (called only after JSON.parse failed) does.
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
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail('a number');
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("',' or ']'");
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail('a JSON value');
  };
  try {
    value();
    ws();
    if (i < text.length) fail('end of file after the JSON value');
    return { pos: i, expected: 'valid JSON' };
  } catch (e) {
    if (e instanceof Stop) return { pos: e.pos, expected: e.expected };
    throw e;
  }
}

export function readJsonFile(file: string, what = 'file'): unknown {
  return parseJson(readTextFile(file, what), file);
}
