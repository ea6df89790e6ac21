/**
 * Where the machine files' text comes from under Node: `circuits/<name>.json`, shipped with the
 * package beside dist/. The browser panels' bundle replaces this module by one holding the same
 * files' text, read at build time (scripts/build-panel.js), so machine-file.ts itself has no
 * Node-only import.
 */
import { readFileSync } from 'node:fs';

export function machineFileText(name: 'mark1' | 'adaline' | 'madaline'): string {
  return readFileSync(new URL(`../../circuits/${name}.json`, import.meta.url), 'utf8');
}
