import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { componentsMarkdown } from '../../scripts/docs-components.js';
import { COMPONENT_SPECS } from '../../src/components/registry.js';

describe('docs/components.md', () => {
  it('equals the output of scripts/docs-components.ts (regenerate it if this fails)', async () => {
    const committed = readFileSync(new URL('../../docs/components.md', import.meta.url), 'utf8');
    expect(committed).toBe(await componentsMarkdown());
  });

  it('has a section for every component type', async () => {
    const md = await componentsMarkdown();
    for (const s of COMPONENT_SPECS) expect(md).toContain(`## \`${s.type}\``);
  });
});
