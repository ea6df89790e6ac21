/**
 * `perceptron-sim predict --model-file W.json --data CSV [--out FILE|-]` (issue 18): apply weights
 * saved by `train --save` to new rows and write the rows with a prediction column.
 *
 * `train --save` adds a `predict` object to the weights file (model, what rebuilds it, the columns,
 * the classes); `--init` reads only `layers` (and `direct`), so old files and new ones both load
 * there. A file saved before the `predict` object existed cannot be used here: the message says to
 * save it again. See docs/train.md.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Mlp } from '../backprop/index.js';
import type { MlpConfig } from '../backprop/index.js';
import { parseCsvTable } from '../data/csv.js';
import type { CsvDataset } from '../data/csv.js';
import { createDenseMachine } from '../machines/create-dense.js';
import { UserError } from '../errors.js';
import type { MachineOptions } from '../machines/options.js';
import type { MachineModel, WeightsJson } from '../machines/types.js';
import { MACHINE_MODELS } from '../machines/types.js';
import { Rng } from '../rng.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { readJsonFile } from '../util/json-file.js';
import { checkRunFiles } from '../util/run-files.js';

/** Version of the `predict` object in a weights file. */
const PREDICT_FORMAT = 1;

interface PredictInfo {
  format: number;
  model: string;
  machine?: Omit<MachineOptions, 'rng' | 'init' | 'initSource'> & { seed: number };
  network?: MlpConfig;
  task: 'classification' | 'regression';
  classes: string[];
  /** Feature column names (null without a header). */
  columns: string[] | null;
  target: string | null;
}

/** The `predict` object `train --save` writes next to the weights. */
export function predictInfo(about: Record<string, unknown>, data: CsvDataset): PredictInfo {
  const f = data.features[0].length;
  return {
    format: PREDICT_FORMAT,
    ...(about as { model: string }),
    task: data.task,
    classes: data.classes,
    columns: data.header ? data.header.slice(0, f) : null,
    target: data.header?.[f] ?? null,
  };
}

function readModel(file: string): { info: PredictInfo; weights: Record<string, unknown> } {
  const json = readJsonFile(file, 'model file') as unknown;
  const bad = (what: string): never => {
    throw new UserError(`--model-file ${file}: ${what}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    bad('expected a weights file written by train --save');
  const w = json as Record<string, unknown>;
  if (!Array.isArray(w.layers)) bad('no "layers": expected a weights file written by train --save');
  const info = w.predict as PredictInfo | undefined;
  if (typeof info !== 'object' || info === null)
    bad('no "predict" object (saved by an older version); run train --save again to use it with predict');
  const i = info as PredictInfo;
  if (i.format !== PREDICT_FORMAT) bad(`"predict.format" ${String(i.format)} is not ${PREDICT_FORMAT}`);
  const machine = (MACHINE_MODELS as readonly string[]).includes(i.model);
  if (!(machine ? typeof i.machine === 'object' : i.model === 'mlp' && typeof i.network === 'object'))
    bad(`"predict.model" '${String(i.model)}' lacks what rebuilds it`);
  if (!Array.isArray(i.classes) || (i.task !== 'classification' && i.task !== 'regression'))
    bad('"predict" needs "task" and "classes"');
  return { info: i, weights: w };
}

/** A function from one row of features to the prediction cell. */
function predictor(
  info: PredictInfo,
  weights: Record<string, unknown>,
  file: string,
): (x: number[]) => string {
  const classes = info.classes;
  const argmax = (v: ArrayLike<number>) => {
    let k = 0;
    for (let j = 1; j < v.length; j++) if (v[j] > v[k]) k = j;
    return k;
  };
  if (info.model === 'mlp') {
    const c = info.network!;
    const net = Mlp.fromWeights(
      {
        inputs: c.inputs,
        hidden: c.hidden,
        outputs: c.outputs,
        hiddenActivation: c.hiddenActivations,
        outputActivation: c.outputActivation,
        loss: c.loss,
        direct: c.direct,
        init: c.init,
        biasInit: c.biasInit,
      },
      weights,
      file,
    );
    return (x) => {
      const out = net.predict(x);
      if (info.task === 'regression') return String(out[0]);
      // One sigmoid unit for two classes (> 0.5 is the second), else the largest output.
      return out.length === 1 ? classes[out[0] > 0.5 ? 1 : 0] : classes[argmax(out)];
    };
  }
  const m = info.machine!;
  const engine = createDenseMachine(info.model as MachineModel, {
    ...m,
    // The run's machine stream: the same plugboard (Mark I) and initial draws as in training.
    rng: Rng.fromSeed(m.seed).fork('machine'),
    init: { layers: weights.layers } as WeightsJson,
    initSource: file,
  });
  return (x) => {
    const r = engine.respond(Float64Array.from(x));
    if (info.task === 'regression') return String(r.sums[0]);
    // Two classes: one unit, +1 is the second class. More (one-vs-rest): the one unit that says +1;
    // when none or several do, the one with the largest sum.
    if (r.outputs.length === 1) return classes[r.outputs[0] > 0 ? 1 : 0];
    const on = r.outputs.flatMap((y, k) => (y > 0 ? [k] : []));
    return classes[on.length === 1 ? on[0] : argmax(r.sums)];
  };
}

/** CSV cell: quoted when it holds the separator, a quote or a line break. */
function cell(text: string): string {
  return /[",;\t\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('apply weights saved by train --save to the rows of a CSV file')
    .requiredOption('--model-file <file>', '(required) weights file written by train --save')
    .requiredOption(
      '--data <file>',
      '(required) CSV with the training features in order, optionally followed by the target column',
    )
    .option('--out <file>', 'write the rows and a prediction column here (default -, stdout)', '-')
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  perceptron-sim train --model perceptron --data iris.csv --save w.json\n' +
        '  perceptron-sim predict --model-file w.json --data new-flowers.csv --out predicted.csv',
    )
    .action((o: { modelFile: string; data: string; out: string }) => {
      checkRunFiles(
        [
          { option: '--model-file', path: o.modelFile },
          { option: '--data', path: o.data },
        ],
        [{ option: '--out', path: o.out === '-' ? undefined : o.out, what: 'predictions file' }],
      );
      const { info, weights } = readModel(o.modelFile);
      const predict = predictor(info, weights, o.modelFile);
      const inputs = info.model === 'mlp' ? info.network!.inputs : info.machine!.inputs;
      const table = parseCsvTable(readFileSync(o.data, 'utf8'), o.data, {});
      const withTarget = table.columns === inputs + 1;
      if (!withTarget && table.columns !== inputs) {
        throw new UserError(
          `--data ${o.data}: ${table.columns} columns, but the model takes ${inputs} features (give them in training order, optionally followed by the target)`,
        );
      }
      const names = info.columns ?? Array.from({ length: inputs }, (_, k) => `x${k + 1}`);
      const header = [...names, ...(withTarget ? [info.target ?? 'target'] : []), 'prediction'];
      const lines = [header.map(cell).join(',')];
      table.features.forEach((row, i) => {
        let x = row;
        if (!withTarget) {
          // The last column was read as the target's text; here it is the last feature.
          const v = Number(table.targetCells[i]);
          if (table.targetCells[i] === '' || !Number.isFinite(v)) {
            throw new UserError(
              `--data ${o.data}: line ${table.rowNumbers[i]}: column ${inputs}: expected a number, got '${table.targetCells[i]}'`,
            );
          }
          x = [...row, v];
        }
        const cells = [...x.map(String), ...(withTarget ? [table.targetCells[i]] : []), predict(x)];
        lines.push(cells.map(cell).join(','));
      });
      const text = lines.join('\n') + '\n';
      if (o.out === '-') process.stdout.write(text);
      else writeFileAtomic(o.out, text, 'predictions file');
    });
}
