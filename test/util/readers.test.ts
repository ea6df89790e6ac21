// The readers' guards (issue 17 items 8-11, 16), called in-process: byte caps, nesting without
// recursion, terminal-safe text, strict numbers, own-property keys.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseNumber } from '../../src/cli/options.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { resolveParams } from '../../src/experiments/run.js';
import { validateCircuit, parseSetOption } from '../../src/netlist/load.js';
import { validateStimulus } from '../../src/netlist/stimulus.js';
import { parseDuration } from '../../src/util/duration.js';
import { locateJsonError, parseJson, readTextFile } from '../../src/util/json-file.js';
import { describeJsonValue, parseDecimal } from '../../src/util/numbers.js';
import { terminalSafe, terminalSafeLine } from '../../src/util/terminal-text.js';
import { tempDir } from '../helpers/cli.js';

const SWITCH = { id: 'a', type: 'switch', params: { position: 'on' } };

function circuit(extra: Record<string, unknown> = {}) {
  return { components: [SWITCH], ...extra };
}

describe('JSON inputs: size and nesting', () => {
  it('reads a special file in chunks and stops at the byte cap (/dev/zero would fill memory)', () => {
    expect(() => readTextFile('/dev/zero', 'circuit file', 1 << 20)).toThrow(
      /\/dev\/zero: circuit file is larger than the limit of 1 MiB/,
    );
  });

  it('refuses a regular file over the cap before reading it, and reads one at the cap', () => {
    const dir = tempDir();
    const f = join(dir, 'big.json');
    writeFileSync(f, ' '.repeat(1000));
    expect(() => readTextFile(f, 'stimulus file', 999)).toThrow(/larger than the limit of 999 bytes/);
    expect(readTextFile(f, 'stimulus file', 1000)).toHaveLength(1000);
    expect(() => readTextFile(dir, 'circuit file')).toThrow(/is a directory/);
  });

  it('15,000 nested [ give a located message, not a stack overflow', () => {
    const deep = '['.repeat(15_000);
    expect(locateJsonError(deep)).toEqual({ pos: 15_000, expected: 'a JSON value' });
    expect(() => parseJson(deep, 'c.json')).toThrow(
      /c\.json: line 1, column 257: arrays and objects nested deeper than 256/,
    );
    // Valid but deep: refused before anything recursive sees it.
    expect(() => parseJson('['.repeat(300) + ']'.repeat(300), 'c.json')).toThrow(/nested deeper/);
    expect(parseJson('['.repeat(200) + ']'.repeat(200), 'c.json')).toBeInstanceOf(Array);
  });

  it('the scanner still names the first error as before', () => {
    expect(locateJsonError('{"a": [1, 2,]}')).toEqual({ pos: 12, expected: 'a JSON value' });
    expect(locateJsonError('{"a" 1}')).toEqual({ pos: 5, expected: "':'" });
    expect(locateJsonError('[1 2]')).toEqual({ pos: 3, expected: "',' or ']'" });
    expect(locateJsonError('{"a":1,}')).toEqual({ pos: 7, expected: 'a property name in double quotes' });
    expect(locateJsonError('{} x')).toEqual({ pos: 3, expected: 'end of file after the JSON value' });
    expect(locateJsonError('[1.5e3, -0, "x\\u00zz"]')).toEqual({ pos: 18, expected: 'a hex digit' });
  });
});

describe('terminal text', () => {
  it('strips OSC 52 clipboard writes, window titles, screen clears, C1 and other controls', () => {
    const osc52 = '\u001b]52;c;ZWNobyBoaQ==\u0007';
    const title = '\u001b]0;owned\u001b\\';
    const clear = '\u001b[2J\u001b[H';
    const c1 = '\u009b31m\u009d0;t\u009c';
    expect(terminalSafe(`name${osc52}${title}${clear}${c1}\r\b\u007f end`)).toBe('name end');
    expect(terminalSafe('tab\tand\nnewline kept, ünïcødé too')).toBe('tab\tand\nnewline kept, ünïcødé too');
    expect(terminalSafeLine('two\nlines')).toBe('two lines');
  });
});

describe('numbers as written', () => {
  it('--lr 0x10, Infinity and blanks are refused; 1e400 is named as written', () => {
    expect(parseDecimal('0x10')).toBeUndefined();
    expect(parseDecimal('Infinity')).toBeUndefined();
    expect(parseDecimal(' ')).toBeUndefined();
    expect(parseDecimal('.5e-3')).toBe(0.0005);
    expect(() => parseNumber('0x10', '--lr')).toThrow(/--lr expects a finite decimal number, got '0x10'/);
    expect(() => parseNumber('1e400', '--lr')).toThrow(/got '1e400' \(beyond the range of a double/);
    expect(() => parseDuration('1e400', '--until')).toThrow(/'1e400' is beyond the range of a double/);
    expect(describeJsonValue(Infinity)).not.toMatch(/null/);
    expect(describeJsonValue(Number.NaN)).toBe('NaN');
  });

  it('a circuit value of 1e400 (Infinity after JSON.parse) is not reported as null', () => {
    expect(() => validateCircuit(parseJson('{"tick": 1e400, "components": []}', 'c.json'), 'c.json')).toThrow(
      /tick: .*got a number beyond the range of a double/,
    );
  });
});

describe('own-property keys', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it('run --set and sweep --grid: Object.prototype members are unknown parameters', () => {
    const exp = findExperiment('xor-backprop');
    for (const k of names) {
      expect(() => resolveParams(exp, 'default', [`${k}=1`]), k).toThrow(/has no parameter/);
    }
  });

  it('circuit params and simulate --set a.<member>: unknown parameter of the component', () => {
    for (const k of names) {
      const doc = JSON.parse(`{"components":[{"id":"a","type":"switch","params":{"${k}":1}}]}`);
      expect(() => validateCircuit(doc, 'c.json'), k).toThrow(/unknown parameter of switch/);
      if (k !== '__proto__') {
        expect(() => validateCircuit(circuit(), 'c.json', [parseSetOption(`a.${k}=1`)]), k).toThrow(
          /unknown parameter of switch/,
        );
      }
    }
    expect(() => validateCircuit(circuit(), 'c.json', [parseSetOption('a.__proto__=1')])).toThrow(
      /unknown parameter of switch/,
    );
  });

  it('a circuit output named __proto__ or constructor is kept', () => {
    const doc = JSON.parse(
      '{"components":[{"id":"a","type":"switch"}],"outputs":{"__proto__":"a.out","constructor":"a.out"}}',
    );
    const c = validateCircuit(doc, 'c.json');
    expect(Object.keys(c.outputs)).toEqual(['__proto__', 'constructor']);
  });

  it('stimulus events that set a member of Object.prototype are refused', () => {
    const c = validateCircuit(circuit(), 'c.json');
    expect(() =>
      validateStimulus({ events: [{ time: 0, set: 'a.constructor', value: 1 }] }, 's.json', c),
    ).toThrow(/cannot change during a run/);
  });
});

describe('circuit bounds', () => {
  it('"inputs": 100000000 is refused with the limit named, before anything is built', () => {
    const doc = { components: [{ id: 's', type: 'summer', params: { inputs: 100_000_000 } }] };
    const t = Date.now();
    expect(() => validateCircuit(doc, 'c.json')).toThrow(/inputs: must be ≤ 65536/);
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('a tick under 1 fs (1e-320) and stimulus times past 2^53 ticks are refused', () => {
    expect(() => validateCircuit(circuit({ tick: 1e-320 }), 'c.json')).toThrow(
      /tick: expected a number of seconds ≥ 1e-15/,
    );
    const c = validateCircuit(circuit(), 'c.json');
    expect(() =>
      validateStimulus({ events: [{ time: 1e300, set: 'a.position', value: 'off' }] }, 's.json', c),
    ).toThrow(/events\[0\]\.time: 1e\+300 s is .* ticks .* more than the 9007199254740991/);
  });

  it('every refusal above is a UserError (exit 2)', () => {
    try {
      validateCircuit(circuit({ tick: 1e-320 }), 'c.json');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
    }
  });
});
