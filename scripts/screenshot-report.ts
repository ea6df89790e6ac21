// docs/report.png: a screenshot of a real report, `perceptron-sim run mark1-letters --report`, made
// by the library exactly as the command makes it, opened in Chromium (test/helpers/browser.ts).
// Usage: npx tsx scripts/screenshot-report.ts [out.png] [--full-page]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findExperiment } from '../src/experiments/registry.js';
import { runExperiment } from '../src/experiments/run.js';
import { renderRunReport } from '../src/report/html/index.js';
import { findChromium, launchChromium } from '../test/helpers/browser.js';

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--')) ?? 'docs/report.png';
const fullPage = args.includes('--full-page');

const argv = ['run', 'mark1-letters', '--report', 'mark1-letters.html'];
const report = runExperiment(findExperiment('mark1-letters'), { seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'psim-shot-'));
try {
  const file = join(dir, 'mark1-letters.html');
  writeFileSync(file, renderRunReport(report, { argv }));
  const browser = await findChromium();
  if ('missing' in browser) throw new Error(browser.missing);
  const { context, close } = await launchChromium(browser.path, {
    viewport: { width: 1100, height: 1500 },
    colorScheme: 'light',
  });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: out, fullPage });
  } finally {
    await close();
  }
  console.log(`${out}: ${argv.join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
