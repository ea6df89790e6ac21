// `npm start` rebuilds only when a source changed (scripts/build-if-stale.js). A fake `npx` on PATH
// records whether the build ran, so the test needs no compiler and takes milliseconds.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';

function project() {
  const dir = tempDir('psim-stale-');
  mkdirSync(join(dir, 'src/sub'), { recursive: true });
  mkdirSync(join(dir, 'dist'));
  mkdirSync(join(dir, 'bin'));
  for (const f of ['src/sub/a.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'])
    writeFileSync(join(dir, f), '{}');
  const marker = join(dir, 'built');
  // The fake build writes the marker and the stamp, as tsc -p tsconfig.build.json would write the stamp.
  writeFileSync(
    join(dir, 'bin/npx'),
    `#!/bin/sh\necho "$@" > "${marker}"\ntouch "${join(dir, 'dist/.tsbuildinfo')}"\n`,
  );
  chmodSync(join(dir, 'bin/npx'), 0o755);
  const run = () => {
    rmSync(marker, { force: true });
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.js')], {
      cwd: dir,
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return existsSync(marker);
  };
  const age = (file: string, secondsAgo: number) => {
    const t = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(dir, file), t, t);
  };
  return { run, age };
}

describe('npm start builds only what changed', () => {
  it('builds when never built, not again when nothing changed, again when a source changed', () => {
    const p = project();
    for (const f of [
      'src/sub/a.ts',
      'src/sub',
      'src',
      'tsconfig.json',
      'tsconfig.build.json',
      'package.json',
    ])
      p.age(f, 60);
    expect(p.run()).toBe(true); // no dist/.tsbuildinfo yet
    expect(p.run()).toBe(false); // the stamp is newer than every source
    p.age('dist/.tsbuildinfo', 30); // built 30 s ago …
    p.age('src/sub/a.ts', 10); // … and a source edited since
    expect(p.run()).toBe(true);
    expect(p.run()).toBe(false);
    p.age('dist/.tsbuildinfo', 30);
    p.age('tsconfig.build.json', 10);
    expect(p.run()).toBe(true);
  });
});
