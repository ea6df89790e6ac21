// Bundle the front panels (src/web/browser/*.ts, with the simulator they import from src/) into
// dist/panel/*.js, which `perceptron-sim panel` inlines into one HTML page. Part of `npm run build`.
//
// platform 'browser' makes any Node-only import (node:fs, node:crypto, ...) a build error, so the
// core stays runnable in the page. The one Node-only module the machines need, the machine files'
// reader (src/machines/machine-file-source.ts), is swapped for the same files' text, read here.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { URL, pathToFileURL } from 'node:url';

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
        ['mark1', 'adaline', 'madaline'].map((n) => [
          n,
          readFileSync(new URL(`../circuits/${n}.json`, import.meta.url), 'utf8'),
        ]),
      );
      return {
        contents: `const TEXT = ${JSON.stringify(text)};\nexport function machineFileText(name) { return TEXT[name]; }\n`,
        loader: 'js',
      };
    });
  },
};

/** Bundle `entryPoints` into `outdir` for the browser; rejects on any error (a node: import among them). */
export function bundlePanels(entryPoints, outdir) {
  return build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [machineFiles],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const entries = PANEL_ENTRIES.filter((e) => existsSync(`src/web/browser/${e}.ts`));
  try {
    await bundlePanels(
      entries.map((e) => `src/web/browser/${e}.ts`),
      'dist/panel',
    );
  } catch (e) {
    // esbuild's own report names the file, line and import; one message per problem.
    for (const m of e.errors ?? [{ text: e.message }])
      console.error(`build-panel: ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`);
    process.exit(1);
  }
}
