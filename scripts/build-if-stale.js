// `npm start` builds only when a source changed since the last build: tsc's own incremental mode
// still spends seconds checking an unchanged project, and most starts change nothing.
// Stale means: no dist/.tsbuildinfo, or a file under src/ (or a tsconfig, or package.json) newer than it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.tsbuildinfo';

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

let built = -Infinity;
try {
  built = statSync(STAMP).mtimeMs;
} catch {
  // never built
}
const sources = Math.max(...['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map(newestMtime));
if (sources > built) {
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  // tsc leaves the stamp alone when nothing needed emitting: mark this build as seen.
  const now = new Date();
  utimesSync(STAMP, now, now);
}
