import { describe, expect, it } from 'vitest';
import { checkValue, paramProblems, resolveParams, withDefaults } from '../../src/components/params.js';
import { COMPONENT_SPECS, componentSpec, componentTypes } from '../../src/components/registry.js';
import { UserError } from '../../src/errors.js';

const EXPECTED_TYPES = [
  'switch',
  'photocell',
  'constant',
  'potentiometer',
  'motor-pot',
  'memistor',
  'summer',
  'relay',
  'quantizer',
  'association-unit',
  'and',
  'or',
  'maj',
  'adapter',
];

function minimal(type: string): Record<string, number> {
  return 'inputs' in componentSpec(type)!.params ? { inputs: 3 } : {};
}

describe('registry', () => {
  it('lists every component type once and finds each by name', () => {
    expect(componentTypes()).toEqual(EXPECTED_TYPES);
    for (const spec of COMPONENT_SPECS) expect(componentSpec(spec.type)).toBe(spec);
    expect(componentSpec('flux-capacitor')).toBeUndefined();
  });

  describe.each(COMPONENT_SPECS.map((s) => [s.type, s] as const))('%s', (_type, spec) => {
    it('documents every parameter with a unit, and every default is valid', () => {
      expect(spec.doc.length).toBeGreaterThan(20);
      for (const [name, p] of Object.entries(spec.params)) {
        expect(p.doc, name).not.toBe('');
        expect(p.unit, name).not.toBe('');
        if (p.default !== undefined) expect(checkValue(p, p.default), name).toEqual([]);
        if (p.kind === 'number' && /delay|time/i.test(name)) expect(p.unit, name).toBe('s');
      }
    });

    it('creates a component whose type, pins and params agree with the spec', () => {
      const params = minimal(spec.type);
      const c = spec.create('c', params);
      expect(c.type).toBe(spec.type);
      expect(c.id).toBe('c');
      const pins = spec.pins(withDefaults(spec, params));
      expect([...c.inputPins]).toEqual(pins.inputs);
      expect([...c.outputPins]).toEqual(pins.outputs);
      // params() round-trips through create and names only known parameters.
      const p = c.params();
      expect(Object.keys(p).sort()).toEqual(Object.keys(spec.params).sort());
      expect(paramProblems(spec, p)).toEqual([]);
      expect(spec.create('d', p).params()).toEqual(p);
      for (const name of c.settableParams()) expect(spec.params).toHaveProperty(name);
    });

    it('rejects unknown parameters with a message naming the component', () => {
      expect(() => spec.create('c7', { ...minimal(spec.type), bogus: 1 })).toThrow(
        new RegExp(`component 'c7' \\(${spec.type}\\): bogus: unknown parameter`),
      );
    });
  });
});

describe('parameter checks', () => {
  it('reports every problem at once', () => {
    const problems = paramProblems(componentSpec('summer')!, { inputs: 0, gain: 'loud', delay: -1, x: 1 });
    expect(problems.map(([n]) => n).sort()).toEqual(['delay', 'gain', 'inputs', 'x']);
  });

  it('checks arrays element by element', () => {
    expect(checkValue({ kind: 'number[]', unit: '1', doc: 'd', min: 0 }, [1, -2, Number.NaN])).toEqual([
      '[1]: must be ≥ 0, got -2',
      '[2]: expected a finite number, got NaN',
    ]);
  });

  it('checks exclusive minimums and booleans', () => {
    expect(checkValue({ kind: 'number', unit: 's', doc: 'd', exclusiveMin: 0 }, 0)).toEqual([
      'must be > 0 s, got 0',
    ]);
    expect(checkValue({ kind: 'boolean', unit: '1', doc: 'd' }, 1)).toEqual([
      'expected true or false, got 1',
    ]);
  });

  it('fills defaults and copies arrays', () => {
    const spec = componentSpec('summer')!;
    const p = resolveParams(spec, 's', { inputs: 2 });
    expect(p).toEqual({ inputs: 2, weights: [], gain: 1, offset: 0, delay: 0 });
    expect(p.weights).not.toBe(spec.params.weights.default);
    expect(() => resolveParams(spec, 's', {})).toThrow(UserError);
  });
});
