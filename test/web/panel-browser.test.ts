// The front panels in headless Chromium (test/helpers/browser.ts), as the real command writes them:
// no console error and no request but the page's own file and its worker's blob: URL; drawing on
// the Mark I retina and pressing Present lights the lamps; Train reaches bitwise the weights
// `train --model mark1 --engine event --save` reaches on the same cards and seed; a trace dropped
// onto the Mark I panel scrubs; the ADALINE adapts on keyboard input alone; the playground's
// decision regions change while it trains; the MADALINE marks the ADALINE its rule adapted.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { VERSION } from '../../src/version.js';
import { panelPage } from '../../src/web/shell.js';

// What the functions run inside the page use (tsconfig has no DOM library).
interface El {
  dataset: Record<string, string | undefined>;
  id: string;
  value: string;
  dispatchEvent(e: unknown): boolean;
  toDataURL(): string;
}
declare const document: { getElementById(id: string): El | null; activeElement: El | null };
declare const DataTransfer: new () => { items: { add(f: unknown): void } };
declare const File: new (parts: string[], name: string) => unknown;
declare const DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean }) => unknown;

const browser = inject('chromium');
if ('missing' in browser)
  process.stderr.write(`test/web/panel-browser.test.ts: SKIPPED: ${browser.missing}\n`);

const SEED = 5;
const MACHINES = ['mark1', 'adaline', 'madaline', 'playground'] as const;
let dir: string;
let context: BrowserContext;
let close: (() => Promise<void>) | undefined;
const pages: Partial<Record<(typeof MACHINES)[number], Opened>> = {};

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  file: string;
}

beforeAll(async () => {
  if ('missing' in browser) return;
  dir = tempDir('psim-panel-');
  // The Mark I page from the command itself; the others from the same function with the same
  // bundles, in-process (a CLI start each would cost the suite seconds; test/cli/panel.test.ts runs the command).
  const r = runCli(['panel', 'mark1', '--out', join(dir, 'mark1.html'), '--seed', String(SEED)]);
  expect(r.status, r.stderr).toBe(0);
  for (const m of MACHINES.slice(1)) {
    const bundle = (name: string): string => readFileSync(join(ROOT, 'dist', 'panel', `${name}.js`), 'utf8');
    const html = panelPage({
      machine: m,
      seed: SEED,
      script: bundle(m),
      worker: bundle('worker'),
      version: VERSION,
    });
    writeFileSync(join(dir, `${m}.html`), html);
  }
  ({ context, close } = await launchChromium(browser.path, { viewport: { width: 1280, height: 720 } }));
}, 120_000);

afterAll(async () => {
  await close?.();
});

async function open(machine: (typeof MACHINES)[number]): Promise<Opened> {
  const cached = pages[machine];
  if (cached) return cached;
  const file = join(dir, `${machine}.html`);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  return (pages[machine] = { page, errors, requests, file });
}

/** No console error, and every request is the page itself or its worker (a blob: URL it made). */
function clean(o: Opened): void {
  expect(o.errors).toEqual([]);
  expect(o.requests.filter((u) => u !== pathToFileURL(o.file).href && !u.startsWith('blob:'))).toEqual([]);
}

async function downloadText(page: Page, button: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return readFileSync(path, 'utf8');
}

const canvasUrl = (page: Page, id: string): Promise<string> =>
  page.evaluate((i) => document.getElementById(i)!.toDataURL(), id);

describe.skipIf('missing' in browser)('front panels in headless Chromium', () => {
  it('each page is one file under 3 MB', () => {
    for (const m of MACHINES) expect(statSync(join(dir, `${m}.html`)).size, m).toBeLessThan(3 * 1024 * 1024);
  });

  it('Mark I: drawing on the retina with the mouse and pressing Present changes the lamps', async () => {
    const o = await open('mark1');
    const { page } = o;
    await page.click('#clear');
    await page.click('#present');
    await page.waitForSelector('#clock:has-text("· 1 presentations")');
    const blank = Number(await page.getAttribute('#a-lamps', 'data-lit'));
    // One stroke across the retina's middle row, then down.
    const box = (await page.locator('#retina').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.45);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.45, { steps: 12 });
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.6, { steps: 4 });
    await page.mouse.up();
    expect(await page.textContent('#retina-status')).toMatch(/^(1[6-9]|[2-9]\d) of 400 photocells lit/);
    await page.click('#present');
    await page.waitForSelector('#clock:has-text("· 2 presentations")');
    expect(Number(await page.getAttribute('#a-lamps', 'data-lit'))).toBeGreaterThan(blank);
    clean(o);
  });

  it('Mark I: Train reaches the same weights as train --engine event --save for the same cards and seed; its trace dropped onto the panel scrubs', async () => {
    const o = await open('mark1');
    const { page } = o;
    await page.fill('#per-class', '3');
    await page.fill('#epochs', '2');
    await page.click('#new-deck');
    await page.waitForSelector('#status:has-text("Ready")');
    await page.click('#train');
    await page.waitForSelector('body[data-trained="1"]');
    expect(await page.textContent('#status')).toMatch(/^Trained\. Epoch 2: \d+ mistakes on 6 cards/);
    const deck = await downloadText(page, '#download-deck');
    const pageWeights = JSON.parse(await downloadText(page, '#download-weights')) as unknown;
    expect(deck.trim().split('\n')).toHaveLength(6);
    const deckFile = join(dir, 'deck.csv');
    writeFileSync(deckFile, deck);
    const saved = join(dir, 'cli-weights.json');
    const trace = join(dir, 'mark1.trace');
    const r = runCli([
      'train',
      '--model',
      'mark1',
      '--engine',
      'event',
      '--data',
      deckFile,
      '--seed',
      String(SEED),
      '--epochs',
      '2',
      '--save',
      saved,
      '--trace',
      trace,
    ]);
    expect(r.status, r.stderr).toBe(0);
    // The weights; --save also records how to predict with them (issue 18), which the page does not.
    expect(pageWeights).toEqual({
      layers: (JSON.parse(readFileSync(saved, 'utf8')) as { layers: unknown }).layers,
    });

    // The same run's trace, dropped onto the page: step through it.
    await page.evaluate(
      (t) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], 'mark1.trace'));
        document
          .getElementById('trace-drop')!
          .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
      },
      readFileSync(trace, 'utf8'),
    );
    await page.waitForSelector('#trace-info:has-text("step 0 of 12")');
    const initial = await canvasUrl(page, 'weight-map');
    for (let i = 0; i < 3; i++) await page.click('#trace-next');
    expect(await page.textContent('#trace-info')).toMatch(/^step 3 of 12 \(epoch 1, pattern \d\)/);
    await page.fill('#trace-step', '12');
    await page.dispatchEvent('#trace-step', 'input');
    expect(await page.textContent('#trace-info')).toMatch(/^step 12 of 12 \(epoch 2/);
    expect(await canvasUrl(page, 'weight-map')).not.toBe(initial);
    clean(o);
  });

  it('ADALINE: adapts on keyboard input alone', async () => {
    const o = await open('adaline');
    const { page } = o;
    const gains = (): Promise<string[]> =>
      page.$$eval('input[type=range]', (els) => els.map((e) => (e as unknown as El).value));
    const before = await gains();
    const focused = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);
    const tabTo = async (id: string): Promise<void> => {
      for (let i = 0; i < 60 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(id);
    };
    // Tab to the first switch, flip it with Space, Tab on to Adapt and press Enter.
    await tabTo('switch-0');
    const was = await page.textContent('#switch-0');
    await page.keyboard.press('Space');
    expect(await page.textContent('#switch-0')).not.toBe(was);
    await tabTo('adapt');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-adapted]');
    expect(await gains()).not.toEqual(before);
    expect(await page.textContent('#sum')).toMatch(/^sum -?\d/);
    clean(o);
  });

  it("playground: the MLP's decision regions change while it trains", async () => {
    const o = await open('playground');
    const { page } = o;
    const before = await canvasUrl(page, 'mlp-regions');
    await page.click('#train');
    await page.waitForFunction(
      () =>
        Number(
          document.getElementById('mlp-info') && (document as unknown as { body: El }).body.dataset.epoch,
        ) >= 20,
    );
    await page.click('#stop');
    await page.waitForSelector('body[data-trained="1"]');
    expect(await canvasUrl(page, 'mlp-regions')).not.toBe(before);
    expect(await page.textContent('#diagnostics')).toMatch(/gradient norm/);
    clean(o);
  });

  it('MADALINE: a step shows which ADALINE the rule adapted', async () => {
    const o = await open('madaline');
    const { page } = o;
    // Step through XNOR's patterns until the rule adapts (the seed's small random weights cannot
    // already realise XNOR); that step's log line and the ADALINE's mark name the same unit.
    let line = '';
    for (let i = 1; i <= 4 && !line.includes('adapted'); i++) {
      await page.click('#step');
      await page.waitForSelector(`body[data-steps="${i}"]`);
      line = (await page.textContent('#log li:last-child')) ?? '';
    }
    const named = /→ adapted ADALINE (\d)/.exec(line);
    expect(named, line).not.toBeNull();
    expect(await page.getAttribute(`#adaline-${Number(named![1]) - 1}`, 'data-adapted')).toBe('');
    clean(o);
  });
});
