import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../src/trace/reader.js';
import { weightsAt } from '../../src/trace/replay.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { TOY_DEFAULTS, toyRun } from './toy.js';

const CHILD = join(ROOT, 'test/trace/fixtures/interrupt-child.ts');

function runAndSignal(out: string, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, out], { cwd: ROOT });
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      if (!sent && d.toString().includes('ready')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('a run stopped by a signal', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} in the middle leaves a valid, closed, interrupted trace and exits ${code}`, async () => {
      const dir = tempDir();
      const out = join(dir, 'run.trace.jsonl');
      const r = await runAndSignal(out, signal);
      expect(r.stderr).toContain(`interrupted by ${signal}`);
      expect(r.code).toBe(code);
      expect(existsSync(out)).toBe(true);
      expect(readdirSync(dir)).toEqual(['run.trace.jsonl']); // no temporary file left
      const { check } = checkTrace(out);
      expect(check.integrity).toBe('ok');
      expect(check.status).toBe('interrupted');
      expect(check.steps).toBeGreaterThanOrEqual(200);
      // Nothing recorded is lost: the weights at the last step are those of a run stopped there.
      const n = check.steps;
      let count = 0;
      const expected = toyRun(
        { ...TOY_DEFAULTS, epochs: 1_000_000 },
        { shouldStop: () => count >= n, onStep: () => count++ },
      );
      expect(weightsAt(out, n).weights).toEqual(expected.weights);
    });
  }
});
