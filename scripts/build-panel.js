// Bundle the front panels (src/web/browser/*.ts, with the simulator they import from src/) into
// dist/panel/*.js, which `perceptron-sim panel` inlines into one HTML page. Part of `npm run build`.
//
// platform 'browser' makes any Node-only import (node:fs, node:crypto, ...) a build error, so the
// core stays runnable in the page. The one Node-only module the machines need, the machine files'
// reader (src/machines/machine-file-source.ts), is swapped for the same files' text, read here.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

export const PANEL_ENTRIES = ['worker', 'mark1', 'adaline', 'madaline', 'playground'];

const machineFiles = {
  name: 'machine-files',
  setup(b) {
    b.onResolve({ filter: /machine-file-source\.js$/ }, () => ({
      path: 'machine-files',
      namespace: 'machine-files',
    }));
    b.onLoad({ filter: /.*/, namespace: 'machine-files' }, () => {
      const text = Object.fromEntries(
        ['mark1', 'adaline', 'madaline'].map((n) => [n, readFileSync(`circuits/${n}.json`, 'utf8')]),
      );
      return {
        contents: `const TEXT = ${JSON.stringify(text)};\nexport function machineFileText(name) { return TEXT[name]; }\n`,
        loader: 'js',
      };
    });
  },
};

const entries = PANEL_ENTRIES.filter((e) => {
  try {
    readFileSync(`src/web/browser/${e}.ts`);
    return true;
  } catch {
    return false;
  }
});

await build({
  entryPoints: entries.map((e) => `src/web/browser/${e}.ts`),
  outdir: 'dist/panel',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  plugins: [machineFiles],
});
