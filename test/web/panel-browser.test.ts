// The front panels in headless Chromium (test/helpers/browser.ts), written by the real command:
// no console error and no request but the page's own file and its worker's blob: URL; drawing on
// the Mark I retina and pressing Present lights the lamps; Train reaches bitwise the weights
// `train --model mark1 --engine event --save` reaches on the same cards and seed; a trace dropped
// onto the Mark I panel scrubs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

// What the functions run inside the page use (tsconfig has no DOM library).
declare const document: {
  getElementById(id: string): {
    dataset: Record<string, string | undefined>;
    dispatchEvent(e: unknown): boolean;
  } | null;
};
declare const DataTransfer: new () => { items: { add(f: unknown): void } };
declare const File: new (parts: string[], name: string) => unknown;
declare const DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean }) => unknown;

const browser = inject('chromium');
if ('missing' in browser)
  process.stderr.write(`test/web/panel-browser.test.ts: SKIPPED: ${browser.missing}\n`);

const SEED = 5;
let dir: string;
let context: BrowserContext;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if ('missing' in browser) return;
  dir = tempDir('psim-panel-');
  ({ context, close } = await launchChromium(browser.path, { viewport: { width: 1280, height: 720 } }));
}, 120_000);

afterAll(async () => {
  await close?.();
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  file: string;
}

async function openPanel(machine: string): Promise<Opened> {
  const file = join(dir, `${machine}.html`);
  const r = runCli(['panel', machine, '--out', file, '--seed', String(SEED)]);
  expect(r.status, r.stderr).toBe(0);
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
  return { page, errors, requests, file };
}

/** Every request is the page itself or its worker (a blob: URL the page made). */
function onlyOwn(o: Opened): void {
  expect(o.requests.filter((u) => u !== pathToFileURL(o.file).href && !u.startsWith('blob:'))).toEqual([]);
}

async function downloadText(page: Page, button: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return readFileSync(path, 'utf8');
}

describe.skipIf('missing' in browser)('front panels in headless Chromium', () => {
  it('Mark I: drawing on the retina with the mouse and pressing Present changes the lamps', async () => {
    const o = await openPanel('mark1');
    const { page } = o;
    await page.click('#clear');
    await page.click('#present');
    await page.waitForFunction(() => document.getElementById('clock')?.dataset !== undefined);
    await page.waitForSelector('#clock:has-text("1 presentations")');
    const blank = await page.getAttribute('#a-lamps', 'data-lit');
    // One stroke across the retina's middle rows.
    const box = (await page.locator('#retina').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.45);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.45, { steps: 12 });
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.6, { steps: 4 });
    await page.mouse.up();
    expect(await page.textContent('#retina-status')).toMatch(/^(1[6-9]|[2-9]\d) of 400 photocells lit/);
    await page.click('#present');
    await page.waitForSelector('#clock:has-text("2 presentations")');
    const drawn = await page.getAttribute('#a-lamps', 'data-lit');
    expect(Number(drawn)).toBeGreaterThan(Number(blank));
    expect(o.errors).toEqual([]);
    onlyOwn(o);
    await page.close();
  });

  it('Mark I: Train reaches the same weights as train --engine event --save for the same cards and seed', async () => {
    const o = await openPanel('mark1');
    const { page } = o;
    await page.fill('#per-class', '3');
    await page.fill('#epochs', '2');
    await page.click('#new-deck');
    await page.waitForSelector('#status:has-text("Ready")');
    await page.click('#train');
    await page.waitForSelector('body[data-trained="1"]');
    const deck = await downloadText(page, '#download-deck');
    const pageWeights = JSON.parse(await downloadText(page, '#download-weights')) as unknown;
    const deckFile = join(dir, 'deck.csv');
    writeFileSync(deckFile, deck);
    expect(deck.trim().split('\n')).toHaveLength(6);
    const saved = join(dir, 'cli-weights.json');
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
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(pageWeights).toEqual(JSON.parse(readFileSync(saved, 'utf8')));
    // Training moved the weights: the comparison is not of two untouched initial states.
    expect(await page.textContent('#status')).toMatch(/Trained\. Epoch 2: \d+ mistakes on 6 cards/);
    expect(o.errors).toEqual([]);
    onlyOwn(o);
    await page.close();
  });

  it('Mark I: a trace dropped onto the panel scrubs step by step', async () => {
    const deckFile = join(dir, 'deck.csv');
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
      '2',
      '--epochs',
      '1',
      '--trace',
      trace,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const o = await openPanel('mark1');
    const { page } = o;
    const text = readFileSync(trace, 'utf8');
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'mark1.trace'));
      document
        .getElementById('trace-drop')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
    }, text);
    await page.waitForSelector('#trace-info:has-text("step 0 of 6")');
    const before = await page.evaluate(() =>
      (document.getElementById('weight-map') as unknown as { toDataURL(): string }).toDataURL(),
    );
    await page.click('#trace-next');
    await page.click('#trace-next');
    await page.click('#trace-next');
    expect(await page.textContent('#trace-info')).toMatch(/^step 3 of 6 \(epoch 1, pattern \d\)/);
    await page.fill('#trace-step', '6');
    await page.dispatchEvent('#trace-step', 'input');
    expect(await page.textContent('#trace-info')).toMatch(/^step 6 of 6/);
    const after = await page.evaluate(() =>
      (document.getElementById('weight-map') as unknown as { toDataURL(): string }).toDataURL(),
    );
    expect(after).not.toBe(before);
    expect(o.errors).toEqual([]);
    await page.close();
  });

  it('ADALINE: adapts on keyboard input alone', async () => {
    const o = await openPanel('adaline');
    const { page } = o;
    const gains = async (): Promise<string[]> =>
      page.$$eval('input[type=range]', (els) => els.map((e) => (e as unknown as { value: string }).value));
    const before = await gains();
    // Tab to the first switch, flip it with Space, then Tab on to Adapt and press Enter.
    const focused = (): Promise<string> =>
      page.evaluate(() => (document as unknown as { activeElement: { id: string } }).activeElement.id);
    const tabTo = async (id: string): Promise<void> => {
      for (let i = 0; i < 80 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(id);
    };
    await tabTo('switch-0');
    const was = await page.textContent('#switch-0');
    await page.keyboard.press('Space');
    expect(await page.textContent('#switch-0')).not.toBe(was);
    await tabTo('adapt');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-adapted]');
    const after = await gains();
    expect(after).not.toEqual(before);
    expect(await page.textContent('#sum')).toMatch(/^sum -?\d/);
    expect(o.errors).toEqual([]);
    onlyOwn(o);
    await page.close();
  });
});
