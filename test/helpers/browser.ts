// Which Chromium the browser tests and screenshot scripts drive (through playwright-core, which
// downloads no browser). In order: $PERCEPTRON_SIM_CHROMIUM; Debian's /usr/bin/chromium (what .ci/run
// installs); the Chromium that the npm package @sparticuz/chromium ships inside itself (a devDependency,
// so `npm ci` brings it on any machine: it is unpacked once into the temporary folder). Resolved once
// per test run, in the global setup, so that two test files never unpack it at the same time.
import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export type BrowserChoice = { path: string; source: string } | { missing: string };

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** How to get a browser, said wherever one is missing. */
export const GET_A_BROWSER =
  'run `npm ci` (it installs @sparticuz/chromium, which ships one) or `apt-get install chromium`';

export async function findChromium(): Promise<BrowserChoice> {
  const own = process.env.PERCEPTRON_SIM_CHROMIUM;
  if (own) {
    return existsSync(own)
      ? { path: own, source: '$PERCEPTRON_SIM_CHROMIUM' }
      : { missing: `$PERCEPTRON_SIM_CHROMIUM is ${own}, which does not exist` };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: "Debian's chromium" };
  try {
    const packaged = (await import('@sparticuz/chromium')).default;
    return { path: await packaged.executablePath(), source: 'the npm package @sparticuz/chromium' };
  } catch (err) {
    return { missing: `no Chromium found (${(err as Error).message.split('\n')[0]}): ${GET_A_BROWSER}` };
  }
}

// Flags for a closed network: without the background-networking ones, Chromium keeps trying to
// reach Google's hosts at every start.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh offline browser profile; `close()` removes it. */
export async function launchChromium(
  executablePath: string,
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'psim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1200, height: 900 },
    colorScheme: options.colorScheme,
    offline: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
