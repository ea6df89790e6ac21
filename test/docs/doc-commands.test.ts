// Every ```sh block in the README and docs/ runs as written on a fresh clone, or is listed below
// with the reason it is skipped. A newcomer copies these commands first; a doc example that fails
// is a bug like any other.
//
// Each block runs in its own temporary folder (so the files it writes land there), with
// `circuits/` and `docs/` linked in from the checkout (the docs refer to them by relative path)
// and a `perceptron-sim` on PATH that runs this checkout's build, as `npm link` would; its
// package.json names the package, so `npx perceptron-sim` finds that build as it does inside the
// checkout (where the README's examples are meant to be typed). Files a
// command reads that stand for the reader's own data (my.csv, tgf.csv, digits.csv) are written
// into the folder first, from the project's own data.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

interface Block {
  file: string;
  line: number;
  text: string;
}

/** The ```sh blocks of one Markdown file, with the line each starts on. */
export function shBlocks(file: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(sh|bash|shell)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !lines[j].startsWith('```')) j++;
    blocks.push({ file, line: start + 1, text: lines.slice(start, j).join('\n') });
    i = j;
  }
  return blocks;
}

/**
 * Blocks that are not run, found by file and a fragment of their text, each with its reason.
 * A block that matches nothing here must run.
 */
const SKIPPED: { file: string; contains: string; why: string }[] = [
  { file: 'README.md', contains: 'npm ci && npm start', why: '.ci/run does exactly this on a clean clone' },
  { file: 'README.md', contains: 'npm test', why: 'it is this suite' },
  {
    file: 'docs/scaling.md',
    contains: 'npm install -g ./perceptron-sim',
    why: 'installs globally; test/sweep/cluster.test.ts installs the packed tarball under a private prefix',
  },
  {
    file: 'docs/scaling.md',
    contains: 'npm ci && npm pack',
    why: 'test/sweep/cluster.test.ts packs the tarball',
  },
  {
    file: 'docs/scaling.md',
    contains: 'bash sweep.sbatch',
    why: 'needs a Slurm cluster; test/sweep/cluster.test.ts submits the emitted script to a private one',
  },
  {
    file: 'docs/scaling.md',
    contains: 'bash docs/recipes/sweep.sbatch',
    why: 'needs a Slurm cluster; test/sweep/cluster.test.ts submits this recipe unchanged',
  },
  {
    file: 'docs/scaling.md',
    contains: 'sweep merge --shards 10 results/',
    why: 'merges the shards a cluster run wrote; test/sweep/cluster.test.ts merges real ones',
  },
  {
    file: 'docs/scaling.md',
    contains: 'bash sweep-parallel.sh',
    why: 'a 1,000-seed sweep; test/sweep/cluster.test.ts runs an emitted GNU parallel script',
  },
];

/** Stand-ins for the reader's own files, made from the project's data. */
function provideFiles(dir: string): void {
  copyFileSync(join(ROOT, 'test/fixtures/rbm/digits.csv'), join(dir, 'digits.csv'));
  // my.csv: two features and a ±1 label, linearly separable.
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 20; i++) {
    const x1 = ((i * 7) % 11) / 10 - 0.5;
    const x2 = ((i * 3) % 13) / 12 - 0.5;
    rows.push(`${x1},${x2},${x1 + x2 > 0 ? 1 : -1}`);
  }
  writeFileSync(join(dir, 'my.csv'), rows.join('\n') + '\n');
  // tgf.csv: four ±1 inputs and a ±1 desired response, as an ADALINE is taught.
  const tgf = ['a,b,c,d,desired'];
  for (let k = 0; k < 16; k++) {
    const bits = [0, 1, 2, 3].map((b) => ((k >> b) & 1 ? 1 : -1));
    tgf.push(`${bits.join(',')},${bits[0] + bits[1] >= 0 ? 1 : -1}`);
  }
  writeFileSync(join(dir, 'tgf.csv'), tgf.join('\n') + '\n');
}

function makeShim(dir: string): string {
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  const shim = join(bin, 'perceptron-sim');
  writeFileSync(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/perceptron-sim.js')}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'perceptron-sim',
      version: '0.0.0',
      private: true,
      bin: { 'perceptron-sim': '.bin/perceptron-sim' },
    }),
  );
  return bin;
}

function runBash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

const files = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const blocks = files.flatMap((f) => shBlocks(f, readFileSync(join(ROOT, f), 'utf8')));
const skipOf = (b: Block) => SKIPPED.find((s) => s.file === b.file && b.text.includes(s.contains));

describe('the sh blocks of the README and docs/', () => {
  it('finds blocks, and every skip still names a block (a stale skip hides nothing)', () => {
    expect(blocks.length).toBeGreaterThan(5);
    for (const s of SKIPPED) {
      expect(
        blocks.some((b) => b.file === s.file && b.text.includes(s.contains)),
        `${s.file}: no block contains "${s.contains}"`,
      ).toBe(true);
    }
    const skipped = blocks.filter(skipOf);
    console.log(
      `doc commands: ${blocks.length - skipped.length} blocks run, ${skipped.length} skipped:\n` +
        skipped.map((b) => `  ${b.file}:${b.line} (${skipOf(b)!.why})`).join('\n'),
    );
  });

  // Concurrent: each block is a child process, so they overlap on the machine's cores.
  for (const b of blocks.filter((x) => !skipOf(x))) {
    it.concurrent(`${b.file}:${b.line} runs as written`, { timeout: 120_000 }, async () => {
      const dir = tempDir('psim-doc-');
      symlinkSync(join(ROOT, 'circuits'), join(dir, 'circuits'));
      symlinkSync(join(ROOT, 'docs'), join(dir, 'docs'));
      provideFiles(dir);
      const bin = makeShim(dir);
      const r = await runBash(b.text, dir, {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        NO_COLOR: '1',
        CI: 'true',
      });
      expect(r.status, `${b.file}:${b.line} failed:\n${b.text}\n--- stderr:\n${r.stderr}`).toBe(0);
    });
  }
});
