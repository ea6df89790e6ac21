// `perceptron-sim panel`: without --out it writes panel-<machine>.html in the current folder and
// prints its path; the page is one file with its scripts inline and a CSP that forbids every
// connection; an unknown machine is a one-line usage error (exit 2). The pages at work in a
// browser: test/web/panel-browser.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('panel', () => {
  it('writes panel-<machine>.html in the current folder, self-contained, and prints its path', () => {
    const cwd = tempDir('psim-panel-cli-');
    const r = runCli(['panel', 'adaline', '--seed', '3'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('panel-adaline.html\n');
    const html = readFileSync(join(cwd, 'panel-adaline.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain('worker-src blob:');
    // Nothing to fetch: no src= or href= to anywhere, the worker's code is in the page.
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).toMatch(/<script type="text\/plain" id="worker-source">.{1000,}<\/script>/s);
    expect(html).toContain('"seed":3');
  });

  it('refuses an unknown machine in one line, exit 2', () => {
    const r = runCli(['panel', 'mark2']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /panel: unknown machine 'mark2' \(did you mean 'mark1'\?\); expected one of mark1, adaline, madaline, playground/,
    );
  });
});
