// Writes schema/circuit.schema.json from the component specs: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { circuitJsonSchema } from '../src/netlist/schema.js';

writeFileSync(
  new URL('../schema/circuit.schema.json', import.meta.url),
  JSON.stringify(circuitJsonSchema(), null, 2) + '\n',
);
