import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPONENT_SPECS } from '../../src/components/registry.js';
import { circuitJsonSchema } from '../../src/netlist/schema.js';

describe('circuit JSON Schema', () => {
  it('the committed schema/circuit.schema.json is the one the specs generate (run `npm run schema`)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../schema/circuit.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(circuitJsonSchema());
  });

  it('describes every component type and every parameter', () => {
    const schema = circuitJsonSchema() as {
      $defs: { component: { allOf: Array<{ then: { properties: { params: { properties: object } } } }> } };
    };
    const branches = schema.$defs.component.allOf;
    expect(branches).toHaveLength(COMPONENT_SPECS.length);
    COMPONENT_SPECS.forEach((spec, i) => {
      expect(Object.keys(branches[i].then.properties.params.properties)).toEqual(Object.keys(spec.params));
    });
  });

  it('every example circuit points editors at the schema', () => {
    for (const name of ['adaline-fixed', 'majority3', 'photocell-row']) {
      const c = JSON.parse(
        readFileSync(new URL(`../../circuits/examples/${name}.json`, import.meta.url), 'utf8'),
      );
      expect(c.$schema).toBe('../../schema/circuit.schema.json');
    }
  });
});
