/**
 * The JSON Schema of circuit files, generated from the component specs so that it can never
 * disagree with the loader. `npm run schema` writes it to schema/circuit.schema.json (editors use it
 * through the `$schema` field); a test checks that the committed file is current.
 */
import { COMPONENT_SPECS } from '../components/registry.js';
import type { ParamSpec } from '../components/spec.js';
import { CIRCUIT_FORMAT, CIRCUIT_FORMAT_VERSION } from './types.js';

function paramSchema(ps: ParamSpec): Record<string, unknown> {
  const unit = ps.unit && ps.unit !== '1' ? ` [${ps.unit}]` : '';
  const base: Record<string, unknown> = {
    description: `${ps.doc}${unit}${ps.assumption ? ' (default is an assumption)' : ''}`,
  };
  if (ps.default !== undefined) base.default = ps.default;
  const bounds: Record<string, number> = {};
  if (ps.min !== undefined) bounds.minimum = ps.min;
  if (ps.max !== undefined) bounds.maximum = ps.max;
  if (ps.exclusiveMin !== undefined) bounds.exclusiveMinimum = ps.exclusiveMin;
  switch (ps.kind) {
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'string':
      return ps.oneOf ? { ...base, enum: [...ps.oneOf] } : { ...base, type: 'string' };
    case 'integer':
      return { ...base, type: 'integer', ...bounds };
    case 'number':
      return { ...base, type: 'number', ...bounds };
    case 'number[]':
      return { ...base, type: 'array', items: { type: 'number', ...bounds } };
  }
}

export function circuitJsonSchema(): Record<string, unknown> {
  const pin = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*\\.[A-Za-z0-9_]+$' };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://perceptron-sim.invalid/schema/circuit.schema.json',
    title: 'perceptron-sim circuit',
    description: 'A circuit of components and connections for perceptron-sim (see docs/circuit-format.md).',
    type: 'object',
    additionalProperties: false,
    required: ['components'],
    properties: {
      $schema: { type: 'string' },
      format: { const: CIRCUIT_FORMAT },
      version: { const: CIRCUIT_FORMAT_VERSION },
      name: { type: 'string' },
      description: { type: 'string' },
      tick: {
        type: 'number',
        exclusiveMinimum: 0,
        default: 1e-6,
        description: 'Length of one tick in seconds.',
      },
      components: { type: 'array', items: { $ref: '#/$defs/component' } },
      connections: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: { ...pin, description: 'Driving output pin, componentId.pin.' },
            to: {
              oneOf: [pin, { type: 'array', items: pin, minItems: 1 }],
              description: 'Input pin(s), componentId.pin.',
            },
          },
        },
      },
      outputs: {
        type: 'object',
        additionalProperties: pin,
        description: 'Named outputs: name -> componentId.pin.',
      },
    },
    $defs: {
      component: {
        type: 'object',
        required: ['id', 'type'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
          type: { enum: COMPONENT_SPECS.map((s) => s.type) },
          params: { type: 'object' },
          note: { type: 'string' },
        },
        additionalProperties: false,
        allOf: COMPONENT_SPECS.map((spec) => ({
          if: { properties: { type: { const: spec.type } } },
          then: {
            properties: {
              params: {
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(
                  Object.entries(spec.params).map(([n, ps]) => [n, paramSchema(ps)]),
                ),
                required: Object.entries(spec.params)
                  .filter(([, ps]) => ps.default === undefined)
                  .map(([n]) => n),
              },
            },
          },
        })),
      },
    },
  };
}
