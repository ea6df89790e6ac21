// The panels' bundler (scripts/build-panel.js): a Node-only import anywhere in what a panel pulls
// in fails the build, naming the module; the machine files' reader is swapped for their text, so the
// machines build in the page. Small entries written here, bundled in memory.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
// @ts-expect-error: a plain-JS build script without type declarations
import { bundlePanels } from '../../scripts/build-panel.js';

const build = bundlePanels as (entries: string[], outdir: string) => Promise<unknown>;

function entry(dir: string, code: string): string {
  const file = join(dir, 'entry.ts');
  writeFileSync(file, code);
  return file;
}

describe('panel bundles', () => {
  it('refuse a node: import, naming it', async () => {
    const dir = tempDir('psim-bundle-');
    const file = entry(
      dir,
      `import { readCsv } from '${join(ROOT, 'src/data/csv-file.js')}';\nconsole.log(readCsv);\n`,
    );
    await expect(build([file], join(dir, 'out'))).rejects.toThrow(/node:fs\/promises/);
  });

  it("hold the machine files' text in place of the Node reader", async () => {
    const dir = tempDir('psim-bundle-');
    const out = join(dir, 'out');
    mkdirSync(out);
    const file = entry(
      dir,
      `import { readMachineFile } from '${join(ROOT, 'src/machines/machine-file.js')}';\nconsole.log(readMachineFile('mark1'));\n`,
    );
    await build([file], out);
    const js = readFileSync(join(out, readdirSync(out)[0]), 'utf8');
    expect(js).not.toMatch(/node:fs/);
    expect(js).toContain('perceptron-sim-machine');
  });
});
