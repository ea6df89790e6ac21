/**
 * Generates docs/experiments.md from the library's runs of every experiment in the catalogue, in the
 * test suite's fast mode with seed 1 (the page says so): `npm run docs:experiments`. Never edit the
 * generated file by hand.
 *
 * Fast mode, not the defaults, so that test/experiments/catalogue.test.ts can regenerate the page
 * from the runs it makes anyway and fail when the committed page is stale (the defaults take minutes
 * for the whole catalogue). The output is formatted with Prettier, so `prettier --check` agrees.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { EXPERIMENTS } from '../src/experiments/registry.js';
import { DOCS_MODE, DOCS_SEED, renderExperimentsDoc, type RunJson } from '../src/experiments/docs.js';
import { reportJson, runExperiment } from '../src/experiments/run.js';
import type { Experiment } from '../src/experiments/types.js';

const target = fileURLToPath(new URL('../docs/experiments.md', import.meta.url));

/** The run of one experiment the page shows. */
export function docsRun(exp: Experiment): RunJson {
  return reportJson(runExperiment(exp, { seed: DOCS_SEED, mode: DOCS_MODE })) as unknown as RunJson;
}

/** The page, formatted as committed, from the given runs. */
export async function experimentsMarkdown(runs: readonly RunJson[]): Promise<string> {
  const config = (await prettier.resolveConfig(target)) ?? {};
  return prettier.format(renderExperimentsDoc(EXPERIMENTS, runs), { ...config, filepath: target });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs: RunJson[] = [];
  for (const exp of EXPERIMENTS) {
    process.stderr.write(`running ${exp.id}...\n`);
    runs.push(docsRun(exp));
  }
  writeFileSync(target, await experimentsMarkdown(runs));
  process.stderr.write(`wrote docs/experiments.md (${runs.length} experiments)\n`);
}
