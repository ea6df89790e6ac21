/**
 * The Mark I panel's speed (issue 16): the event machine's presentations per second inside headless
 * Chromium (the panel's Web Worker, as a user's Train press runs it) beside the same work in Node
 * (the same PanelWorker class, src/web/worker-core.ts, on the same deck, seed and epochs, so both
 * sides also score the same held-out deck after every epoch); and the page's frame rate while it
 * trains at ×100 of the hardware clock. Goals: within 1.5× of Node; ≥ 50 frames per second.
 *
 * The rate on both sides is the worker's own figure (presentations since Train ÷ wall seconds), so
 * it includes the state reports the page draws. Needs the built program (`npm run build`) and a
 * Chromium (test/helpers/browser.ts); reports itself skipped without one.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium, launchChromium } from '../test/helpers/browser.js';
import { deckCsv, seededDecks } from '../src/web/decks.js';
import type { FromWorker } from '../src/web/protocol.js';
import { PanelWorker } from '../src/web/worker-core.js';
import { REPO_DIR, tempDir } from './common.js';

/** The work: the panel's E-vs-F letters deck, cards per class, epochs (small enough for a bench run). */
const PER_CLASS = 20;
const EPOCHS = 5;
const SEED = 1;
/** Epochs trained at ×100 while frames are counted, and how long they are counted (ms). */
const FPS_EPOCHS = 40;
const FPS_WINDOW_MS = 2000;

export interface PanelBench {
  presentations: number;
  node: number;
  browser: number;
  /** browser ÷ node time per presentation: node rate ÷ browser rate. */
  ratio: number;
  framesPerSecond: number;
  chromium: string;
}

async function nodeRate(): Promise<number> {
  const decks = seededDecks('letters', PER_CLASS, 0.03, 2, SEED);
  let rate = 0;
  const w = new PanelWorker(
    (m: FromWorker) => {
      if (m.type === 'state' && m.presentationsPerSecond > 0) rate = m.presentationsPerSecond;
      if (m.type === 'error') throw new Error(m.message);
    },
    () => performance.now(),
  );
  await w.handle({
    type: 'init',
    config: { model: 'mark1', seed: SEED, csv: { text: deckCsv(decks.train), file: 'mark1-deck.csv' } },
    test: { text: deckCsv(decks.test), file: 'mark1-held-out.csv' },
  });
  await w.handle({ type: 'train', epochs: EPOCHS, speed: Infinity });
  return rate;
}

export async function benchPanel(): Promise<PanelBench | { skipped: string }> {
  const browser = await findChromium();
  if ('missing' in browser) return { skipped: browser.missing };
  const t = tempDir('psim-bench-panel-');
  const file = join(t.dir, 'panel-mark1.html');
  execFileSync(process.execPath, [
    join(REPO_DIR, 'bin/perceptron-sim.js'),
    'panel',
    'mark1',
    '--out',
    file,
    '--seed',
    String(SEED),
  ]);
  const node = await nodeRate();
  const { context, close } = await launchChromium(browser.path, { viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready=true]');
    await page.fill('#per-class', String(PER_CLASS));
    await page.fill('#epochs', String(EPOCHS));
    await page.click('#new-deck');
    await page.waitForSelector('#status:has-text("Ready")');
    await page.click('#train');
    await page.waitForSelector('body[data-trained="1"]', { timeout: 300_000 });
    const browserRate = Number(await page.getAttribute('#clock', 'data-rate'));

    // Frames while training at ×100: count animation frames over a window in the middle of it.
    await page.click('#reset');
    await page.waitForSelector('#status:has-text("Ready")');
    await page.fill('#epochs', String(FPS_EPOCHS));
    await page.selectOption('#speed', '100');
    await page.click('#train');
    // As text: tsx would wrap a function's inner names in a helper the page does not have.
    const fps = (await page.evaluate(`new Promise((resolve) => {
      let frames = 0;
      let start = -1;
      const tick = (now) => {
        if (start < 0) start = now;
        else frames++;
        if (now - start >= ${FPS_WINDOW_MS}) resolve((1000 * frames) / (now - start));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })`)) as number;
    const stillTraining = (await page.getAttribute('body', 'data-trained')) === '1';
    await page.click('#stop');
    if (!stillTraining) throw new Error('the ×100 training ended inside the frame window: raise FPS_EPOCHS');
    return {
      presentations: 2 * PER_CLASS * EPOCHS,
      node,
      browser: browserRate,
      ratio: node / browserRate,
      framesPerSecond: fps,
      chromium: browser.source,
    };
  } finally {
    await close();
    t.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await benchPanel());
