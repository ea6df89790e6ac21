/**
 * `perceptron-sim panel [mark1|adaline|madaline|playground]`: write a front panel, one
 * self-contained HTML page that runs the project's own simulator in the browser (docs/panel.md).
 * The page's scripts are the bundles `npm run build` made (dist/panel/*.js, scripts/build-panel.js);
 * this command only inlines them, through the output layer.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { didYouMean } from '../util/nearest.js';
import { VERSION } from '../version.js';
import { PANEL_MACHINES } from '../web/about.js';
import type { PanelMachine } from '../web/about.js';
import { panelPage } from '../web/shell.js';
import { seedOption } from './options.js';

/** The seed a panel starts with when none is given (the same default as `train`). */
export const PANEL_DEFAULT_SEED = 1;

function bundle(name: string): string {
  const url = new URL(`../panel/${name}.js`, import.meta.url);
  try {
    return readFileSync(url, 'utf8');
  } catch {
    throw new UserError(
      `dist/panel/${name}.js: the panel's bundled script is missing`,
      'build it with `npm run build` (it runs scripts/build-panel.js)',
    );
  }
}

export function registerPanel(program: Command): void {
  program
    .command('panel')
    .description('write a front panel: one offline HTML page that runs the simulator in the browser')
    .argument('[machine]', `${PANEL_MACHINES.join(', ')}`, 'mark1')
    .option('--out <file>', 'the HTML file to write (default: panel-<machine>.html here)')
    .option('--seed <n>', 'the seed the panel starts with (its plugboard, weights and decks)', seedOption)
    .addHelpText(
      'after',
      '\nExamples:\n  perceptron-sim panel                      (writes panel-mark1.html)\n' +
        '  perceptron-sim panel adaline --out adaline.html\n  perceptron-sim panel playground --seed 7',
    )
    .action((machine: string, o: { out?: string; seed?: number }) => {
      if (!(PANEL_MACHINES as readonly string[]).includes(machine)) {
        throw new UserError(
          `panel: unknown machine '${machine}'${didYouMean(machine, PANEL_MACHINES)}; expected one of ${PANEL_MACHINES.join(', ')}`,
        );
      }
      const out = o.out ?? `panel-${machine}.html`;
      const html = panelPage({
        machine: machine as PanelMachine,
        seed: o.seed ?? PANEL_DEFAULT_SEED,
        script: bundle(machine),
        worker: bundle('worker'),
        version: VERSION,
      });
      writeFileAtomic(out, html, 'panel page');
      if (out !== '-') process.stdout.write(`${out}\n`);
    });
}
