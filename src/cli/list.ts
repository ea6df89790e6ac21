/** `perceptron-sim list`: the catalogue of historical experiments. */
import type { Command } from 'commander';
import { EXPERIMENTS } from '../experiments/registry.js';
import { renderTable } from '../report/table.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the historical experiments')
    .option('--json', 'print a JSON array on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  perceptron-sim list\n  perceptron-sim list --json | jq -r \'.[] | select(.group == "mark1") | .id\'\n' +
        '  perceptron-sim run mark1-letters          (then run one by its id)',
    )
    .action((options: { json?: boolean }) => {
      if (options.json) {
        const items = EXPERIMENTS.map((e) => ({
          id: e.id,
          title: e.title,
          year: e.year,
          group: e.group,
          citation: e.citation,
          question: e.question,
          params: e.params,
          published: e.published,
        }));
        process.stdout.write(JSON.stringify(items, null, 2) + '\n');
        return;
      }
      // Published figures that can fail, and rows that hold by construction, counted apart: only
      // the first are evidence (docs/experiments.md has the verdicts of a run).
      const built = (e: (typeof EXPERIMENTS)[number]) => e.published.filter((f) => f.byConstruction).length;
      const rows = EXPERIMENTS.map((e) => [
        e.id,
        String(e.year),
        e.group,
        String(e.published.length - built(e)),
        String(built(e)),
        e.title,
      ]);
      process.stdout.write(
        renderTable(['id', 'year', 'group', 'figures', 'by construction', 'title'], rows, {
          align: ['left', 'right', 'left', 'right', 'right', 'left'],
        }),
      );
      const figures = EXPERIMENTS.reduce((s, e) => s + e.published.length - built(e), 0);
      const byConstruction = EXPERIMENTS.reduce((s, e) => s + built(e), 0);
      process.stdout.write(
        `\n${EXPERIMENTS.length} experiments; ${figures} published figures to reproduce, ${byConstruction} rows that hold by construction; run one with: perceptron-sim run <id>\n`,
      );
    });
}
