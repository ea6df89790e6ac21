// CLI tests run the compiled program exactly as a user would (bin/perceptron-sim.js -> dist/).
// Build once before the suite so they test the current sources (and the panels' bundles, as
// `npm run build` makes them). --noCheck: type errors are lint's job; here they must not stop the
// tests of unrelated code from running.
// The browser tests' Chromium is found here too, once (see test/helpers/browser.ts).
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { findChromium, type BrowserChoice } from './helpers/browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: BrowserChoice;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noCheck'], { stdio: 'inherit' });
  // The front panels' bundles (dist/panel/*.js), which `perceptron-sim panel` inlines: under a second.
  execFileSync('node', ['scripts/build-panel.js'], { stdio: 'inherit' });
  const chromium = await findChromium();
  if ('missing' in chromium) {
    process.stderr.write(`\nbrowser tests will be SKIPPED: ${chromium.missing}\n\n`);
  }
  project.provide('chromium', chromium);
}
