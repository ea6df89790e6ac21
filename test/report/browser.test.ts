// The reports in a real browser: Chromium (see test/helpers/browser.ts) driven by playwright-core. The page loads with no console error and no request but its own file, every chart has
// drawn its marks, the player's slider changes the step shown, and a screenshot is not blank.
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { weightsAt } from '../../src/trace/replay.js';
import { makeReports } from './fixtures.js';
import type { ReportFiles } from './fixtures.js';
import { decodePng, distinctColours } from './png.js';

// What the functions run inside the page use (tsconfig has no DOM library; these stay in this module).
interface El {
  tagName: string;
  textContent: string | null;
  value: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<El>;
  getBBox(): { width: number; height: number };
  dispatchEvent(event: unknown): boolean;
}
declare const document: {
  body: El;
  getElementById(id: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
};
declare const getComputedStyle: (e: El) => { backgroundColor: string };
declare const Event: new (type: string, init?: { bubbles?: boolean }) => unknown;

const browser = inject('chromium');
if ('missing' in browser) process.stderr.write(`test/report/browser.test.ts: SKIPPED: ${browser.missing}\n`);

let files: ReportFiles;
let context: BrowserContext;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if ('missing' in browser) return;
  files = makeReports();
  ({ context, close } = await launchChromium(browser.path));
}, 120_000);

afterAll(async () => {
  await close?.();
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

async function open(file: string): Promise<Opened> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors, requests };
}

/** Marks per SVG: paths with a `d`, rects and circles with a size. */
async function marksPerSvg(page: Page): Promise<number[]> {
  return page.$$eval('svg', (svgs) =>
    svgs.map(
      (svg) =>
        [...svg.querySelectorAll('path, rect, circle')].filter((e) => {
          const box = (e as unknown as El).getBBox();
          return e.tagName === 'path' ? (e.getAttribute('d') ?? '') !== '' : box.width > 0 && box.height > 0;
        }).length,
    ),
  );
}

describe.skipIf('missing' in browser)('reports in headless Chromium', () => {
  it('load offline, make no request and log no error, and every chart draws its marks', async () => {
    for (const [name, file] of Object.entries(files.html)) {
      const { page, errors, requests } = await open(file);
      expect(errors, name).toEqual([]);
      expect(requests, name).toEqual([pathToFileURL(file).href]);
      const marks = await marksPerSvg(page);
      expect(marks.length, name).toBeGreaterThan(0);
      marks.forEach((m, i) => expect(m, `${name}: svg ${i}`).toBeGreaterThan(0));
      await page.close();
    }
  }, 60_000);

  it('the player: the slider, buttons and arrow keys change the step, input and weights shown', async () => {
    const { page, errors } = await open(files.html.replay);
    const state = () =>
      page.evaluate(() => ({
        step: Number(document.getElementById('player-step')!.getAttribute('data-step')),
        label: document.getElementById('player-step')!.textContent,
        weights: [...document.querySelectorAll('#player-weights rect[data-w]')].map((r) => ({
          i: Number(r.getAttribute('data-w')),
          v: Number(r.getAttribute('data-v')),
          fill: r.getAttribute('fill'),
        })),
        input: [...document.querySelectorAll('#player-input rect:not(.frame)')].map((r) =>
          r.getAttribute('fill'),
        ),
      }));
    const first = await state();
    expect(first.step).toBe(1);
    expect(first.label).toMatch(/^step 1 of \d+ · epoch 1/);
    const max = Number(await page.getAttribute('#player-slider', 'max'));
    await page.$eval(
      '#player-slider',
      (el, v) => {
        (el as unknown as El).value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      max,
    );
    const last = await state();
    expect(last.step).toBeGreaterThan(first.step);
    expect(last.label).toContain(`step ${last.step} of`);
    expect(last.weights.map((w) => w.fill)).not.toEqual(first.weights.map((w) => w.fill));
    // A weight cell shows the weight the trace gives after that step.
    const { weights } = weightsAt(files.trace, last.step);
    const L = weights.layers[0];
    const inputs = L.weights[0].length;
    const flat = L.weights.flatMap((row, u) => [...row, L.bias[u]]);
    const changed = last.weights.find((w) => w.v !== 0)!;
    expect(changed).toBeDefined();
    expect(changed.v).toBe(flat[changed.i]);
    expect(last.weights).toHaveLength(L.weights.length * (inputs + 1));
    for (const w of last.weights) expect(w.v).toBe(flat[w.i]);
    // Buttons and keys.
    await page.click('button[data-go="prev"]');
    expect((await state()).step).toBeLessThan(last.step);
    await page.click('button[data-go="first"]');
    expect((await state()).step).toBe(1);
    await page.focus('#player');
    await page.keyboard.press('ArrowRight');
    const second = await state();
    expect(second.step).toBe(2);
    expect(second.input).not.toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('a screenshot is not blank, in light and dark mode; print hides the player controls', async () => {
    const { page } = await open(files.html.runTrace);
    const light = decodePng(await page.screenshot());
    expect(light.width).toBe(1200);
    expect(distinctColours(light)).toBeGreaterThan(20);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBg = await bg();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bg()).not.toBe(lightBg);
    const dark = decodePng(await page.screenshot());
    expect(distinctColours(dark)).toBeGreaterThan(20);
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    expect(await page.isVisible('.player-controls')).toBe(false);
    expect(await page.isVisible('#results')).toBe(true);
    await page.close();
  }, 30_000);
});
