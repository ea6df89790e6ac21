// What every report page must be, checked in Chromium (test/helpers/browser.ts): no console error,
// no section without content, every figure captioned in words (no internal key such as
// `trialsPerMachine`), and a screenshot that is not blank. Used on every experiment's report by
// test/experiments/catalogue.test.ts, which makes the fast-mode runs anyway.
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { decodePng, distinctColours } from './png.js';

// What the functions run inside the page use (tsconfig has no DOM library).
interface El {
  tagName: string;
  id: string;
  textContent: string | null;
  children: ArrayLike<El>;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<El> };

/** A camelCase identifier: a lower-case run then an upper-case letter (`trialsPerMachine`, `netLoss`). */
export const INTERNAL_KEY = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/;

export interface PageFacts {
  errors: string[];
  /** id → whether the section holds anything besides its heading. */
  sections: Array<{ id: string; filled: boolean }>;
  /** Caption of each figure ('' when it has none). */
  captions: string[];
  colours: number;
}

/**
 * One tab that opens report after report (a tab per page would cost more than the checks) and
 * gathers what the checks need; the screenshot is of the first screen, which every page fills.
 */
export async function pageAuditor(
  context: BrowserContext,
): Promise<{ facts: (file: string) => Promise<PageFacts>; close: () => Promise<void> }> {
  const page = await context.newPage();
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const facts = async (file: string): Promise<PageFacts> => {
    errors = [];
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const seen = await page.evaluate(() => ({
      sections: Array.from(document.querySelectorAll('section')).map((s) => ({
        id: s.id,
        filled: Array.from(s.children).some(
          (c) =>
            c.tagName !== 'H2' &&
            ((c.textContent ?? '').trim() !== '' || c.querySelector('svg, table, canvas') !== null),
        ),
      })),
      captions: Array.from(document.querySelectorAll('figure')).map((f) =>
        (f.querySelector('figcaption')?.textContent ?? '').trim(),
      ),
    }));
    const colours = distinctColours(decodePng(await page.screenshot()));
    return { errors, ...seen, colours };
  };
  return { facts, close: () => page.close() };
}

/** The problems of one page, in words (empty when it is fine). */
export function pageProblems(f: PageFacts): string[] {
  const out = [...f.errors];
  for (const s of f.sections) if (!s.filled) out.push(`section #${s.id} is empty`);
  f.captions.forEach((c, i) => {
    if (c === '') out.push(`figure ${i + 1} has no caption`);
    const key = INTERNAL_KEY.exec(c);
    if (key) out.push(`figure ${i + 1}'s caption shows the internal key ${key[0]}: "${c}"`);
  });
  if (f.colours <= 20) out.push(`the screenshot is (nearly) blank: ${f.colours} colours`);
  return out;
}
