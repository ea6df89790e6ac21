import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { buildCircuit, parseSetOption, validateCircuit } from '../../src/netlist/load.js';
import { validateStimulus } from '../../src/netlist/stimulus.js';

const ok = {
  components: [
    { id: 'a', type: 'switch', params: { position: 'on' } },
    { id: 'b', type: 'switch' },
    { id: 'm', type: 'and', params: { inputs: 2 } },
  ],
  connections: [
    { from: 'a.out', to: 'm.in0' },
    { from: 'b.out', to: ['m.in1'] },
  ],
  outputs: { y: 'm.out' },
};

function problemsOf(doc: unknown, overrides = [] as ReturnType<typeof parseSetOption>[]): string[] {
  try {
    validateCircuit(doc, 'c.json', overrides);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('expected a ValidationError');
}

describe('circuit validation', () => {
  it('accepts a valid circuit, fills defaults and resolves pins', () => {
    const c = validateCircuit(ok, 'c.json');
    expect(c.tickSeconds).toBe(1e-6);
    expect(c.components.map((x) => x.id)).toEqual(['a', 'b', 'm']);
    expect(c.components[1].params.position).toBe('off');
    expect(c.components[2].inputs).toEqual(['in0', 'in1']);
    expect(c.outputs).toEqual({ y: 'm.out' });
  });

  it('builds a simulator whose AND output follows its switches', () => {
    const { sim } = buildCircuit(validateCircuit(ok, 'c.json'));
    sim.run();
    expect(sim.netValue(sim.netIndex('m.out')!)).toBe(-1);
    const both = validateCircuit(ok, 'c.json', [parseSetOption('b.position=on')]);
    const built = buildCircuit(both);
    built.sim.run();
    expect(built.sim.netValue(built.sim.netIndex('m.out')!)).toBe(1);
  });

  it('reports an unknown component type with its path and a suggestion', () => {
    const p = problemsOf({ components: [{ id: 'x', type: 'swich' }] });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      /^components\[0\]\.type: unknown component type 'swich' \(did you mean 'switch'\?\)/,
    );
  });

  it('reports a duplicate id naming the first use', () => {
    const p = problemsOf({
      components: [
        { id: 'x', type: 'switch' },
        { id: 'x', type: 'constant' },
      ],
    });
    expect(p).toEqual([
      expect.stringMatching(/^components\[1\]\.id: duplicate id 'x' \(already used by components\[0\]\)/),
    ]);
  });

  it('reports a connection to a missing pin and to a missing component', () => {
    const p = problemsOf({
      components: [
        { id: 'a', type: 'switch' },
        { id: 'm', type: 'maj', params: { inputs: 3 } },
      ],
      connections: [
        { from: 'a.out', to: ['m.in5', 'zz.in0'] },
        { from: 'a.nope', to: 'm.in0' },
      ],
    });
    expect(p).toEqual([
      expect.stringMatching(
        /^connections\[0\]\.to\[0\]: component 'm' \(maj\) has no input pin 'in5'.*in0, in1, in2/,
      ),
      expect.stringMatching(/^connections\[0\]\.to\[1\]: no component 'zz'/),
      expect.stringMatching(/^connections\[1\]\.from: component 'a' \(switch\) has no output pin 'nope'/),
    ]);
  });

  it('reports an input driven twice', () => {
    const p = problemsOf({
      components: [
        { id: 'a', type: 'switch' },
        { id: 'b', type: 'switch' },
        { id: 'm', type: 'or', params: { inputs: 2 } },
      ],
      connections: [
        { from: 'a.out', to: 'm.in0' },
        { from: 'b.out', to: 'm.in0' },
      ],
    });
    expect(p).toEqual([
      expect.stringMatching(/^connections\[1\]\.to: input 'm\.in0' is already driven by connections\[0\]/),
    ]);
  });

  it('reports wrong parameter types, negative delays and unknown parameters', () => {
    const p = problemsOf({
      components: [
        { id: 'q', type: 'relay', params: { threshold: 'high', pullInDelay: -1, colour: 'red' } },
        { id: 'r', type: 'summer', params: { inputs: 2.5 } },
      ],
    });
    expect(p).toContainEqual(
      expect.stringMatching(/^components\[0\]\.params\.threshold: expected a finite number/),
    );
    expect(p).toContainEqual(
      expect.stringMatching(/^components\[0\]\.params\.pullInDelay: must be ≥ 0 s, got -1/),
    );
    expect(p).toContainEqual(
      expect.stringMatching(/^components\[0\]\.params\.colour: unknown parameter of relay/),
    );
    expect(p).toContainEqual(expect.stringMatching(/^components\[1\]\.params\.inputs: expected an integer/));
  });

  it('reports a non-positive tick, a wrong format and a missing components list together', () => {
    const p = problemsOf({ format: 'other', tick: 0 });
    expect(p).toEqual([
      expect.stringMatching(/^format: expected "perceptron-sim-circuit"/),
      expect.stringMatching(
        /^tick: expected a number of seconds ≥ 1e-15 \(1 fs, the finest VCD unit\), got 0/,
      ),
      expect.stringMatching(/^components: expected an array/),
    ]);
  });

  it('applies --set overrides through the same checks, naming the option', () => {
    const p = problemsOf(ok, [parseSetOption('a.position=sideways'), parseSetOption('zz.x=1')]);
    expect(p).toEqual([
      expect.stringMatching(/^--set a\.position=sideways: expected one of 'on', 'off'/),
      expect.stringMatching(/^--set zz\.x=1: no component 'zz' in this circuit/),
    ]);
  });

  it('parses --set values as JSON when possible, else as strings', () => {
    expect(parseSetOption('q.threshold=0.5').value).toBe(0.5);
    expect(parseSetOption('s.weights=[1,-1]').value).toEqual([1, -1]);
    expect(parseSetOption('s.position=on').value).toBe('on');
    expect(() => parseSetOption('threshold=0.5')).toThrow(/expected id\.param=value/);
  });
});

describe('stimulus validation', () => {
  const circuit = validateCircuit(ok, 'c.json');

  it('accepts settable parameters and rejects the rest with paths', () => {
    expect(
      validateStimulus({ events: [{ time: 0.001, set: 'a.position', value: 'off' }] }, 's.json', circuit),
    ).toHaveLength(1);
    let err: ValidationError | undefined;
    try {
      validateStimulus(
        {
          events: [
            { time: -1, set: 'a.position', value: 'off' },
            { time: 0, set: 'a.levels', value: 'unipolar' },
            { time: 0, set: 'q.position', value: 'on' },
            { time: 0, set: 'b.position', value: 3 },
          ],
        },
        's.json',
        circuit,
      );
    } catch (e) {
      err = e as ValidationError;
    }
    expect(err?.problems.map((p) => p.path)).toEqual([
      'events[0].time',
      'events[1].set',
      'events[2].set',
      'events[3].value',
    ]);
    expect(err?.message).toMatch(/^s\.json: 4 problems/);
  });
});
