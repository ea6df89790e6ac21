// docs/panel-*.png: screenshots of the front panels as `perceptron-sim panel <machine>` writes them
// (built program: run `npm run build` first), operated a little so that the pictures show a machine
// at work, opened in Chromium (test/helpers/browser.ts).
// Usage: npx tsx scripts/screenshot-panels.ts [machine ...] [--size 1280x720] [--dark]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

declare const document: { body: { dataset: Record<string, string | undefined> } };
import { findChromium, launchChromium } from '../test/helpers/browser.js';

const args = process.argv.slice(2);
const sizeArg = args.includes('--size') ? args[args.indexOf('--size') + 1] : '1280x720';
const [width, height] = sizeArg.split('x').map(Number);
const dark = args.includes('--dark');
const machines = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--size');

/** What each panel does before its picture is taken. */
const OPERATE: Record<string, (page: Page) => Promise<void>> = {
  mark1: async (page) => {
    await page.fill('#epochs', '3');
    await page.click('#train');
    await page.waitForSelector('body[data-trained="1"]');
    await page.fill('#a-unit', '17');
    await page.dispatchEvent('#a-unit', 'change');
    await page.click('#present');
  },
  adaline: async (page) => {
    await page.click('#adapt-all');
    await page.waitForSelector('body[data-adapted]');
  },
  madaline: async (page) => {
    for (let i = 1; i <= 8; i++) {
      await page.click('#step');
      await page.waitForSelector(`body[data-steps="${i}"]`);
    }
  },
  playground: async (page) => {
    await page.selectOption('#data', 'circles');
    await page.waitForSelector('#status:has-text("Ready: circles")');
    await page.click('#train');
    await page.waitForFunction(() => Number(document.body.dataset.epoch) >= 300);
    await page.click('#stop');
    await page.waitForSelector('body[data-trained="1"]');
  },
};

const dir = mkdtempSync(join(tmpdir(), 'psim-shot-'));
try {
  const browser = await findChromium();
  if ('missing' in browser) throw new Error(browser.missing);
  const { context, close } = await launchChromium(browser.path, {
    viewport: { width, height },
    colorScheme: dark ? 'dark' : 'light',
  });
  try {
    for (const m of machines.length > 0 ? machines : Object.keys(OPERATE)) {
      const file = join(dir, `panel-${m}.html`);
      execFileSync('node', ['bin/perceptron-sim.js', 'panel', m, '--out', file]);
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready=true]');
      await OPERATE[m](page);
      await page.waitForTimeout(300);
      const out = `docs/panel-${m}${dark ? '-dark' : ''}${sizeArg === '1280x720' ? '' : `-${sizeArg}`}.png`;
      await page.screenshot({ path: out, fullPage: true });
      console.log(`${out}: perceptron-sim panel ${m}`);
      await page.close();
    }
  } finally {
    await close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
