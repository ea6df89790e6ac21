// The sweep results lock: one holder, live holders named, stale ones taken over, only our own released.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireSweepLock, lockPath } from '../../src/util/lock-file.js';
import { tempDir } from '../helpers/cli.js';

const holder = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, host, since: '2026-01-01T00:00:00Z' });

/** The PID of a process that has exited (reused only after the PID space wraps around). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

describe('sweep lock', () => {
  it('is created beside the output with our PID and host, and released', () => {
    const out = join(tempDir(), 'r.jsonl');
    const lock = acquireSweepLock(out);
    expect(lock.path).toBe(`${out}.lock`);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('a live holder is refused with its PID and host', () => {
    const out = join(tempDir(), 'r.jsonl');
    // The test runner's parent process is alive and is not this process.
    writeFileSync(lockPath(out), holder(process.ppid));
    expect(() => acquireSweepLock(out)).toThrow(
      new RegExp(
        `another sweep is writing these results \\(lock .*r\\.jsonl\\.lock: pid ${process.ppid} on `,
      ),
    );
    // Another host's lock cannot be checked from here: refused, with how to remove it.
    writeFileSync(lockPath(out), holder(deadPid(), 'elsewhere'));
    expect(() => acquireSweepLock(out)).toThrow(
      /on elsewhere.*remove .*r\.jsonl\.lock if no sweep runs on elsewhere/,
    );
    // An empty lock is one being created this instant: refused, never taken.
    writeFileSync(lockPath(out), '');
    expect(() => acquireSweepLock(out)).toThrow(/holds no PID yet/);
  });

  it('a stale holder (dead PID on this host, or our own reused PID) is taken over with a note', () => {
    const out = join(tempDir(), 'r.jsonl');
    for (const pid of [deadPid(), process.pid]) {
      writeFileSync(lockPath(out), holder(pid));
      const notes: string[] = [];
      const lock = acquireSweepLock(out, (t) => notes.push(t));
      expect(notes).toEqual([
        `${lockPath(out)}: took over a stale lock of pid ${pid} on ${hostname()}, which no longer runs`,
      ]);
      expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('release leaves a lock that is no longer ours', () => {
    const out = join(tempDir(), 'r.jsonl');
    const lock = acquireSweepLock(out);
    writeFileSync(lock.path, holder(process.ppid));
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(holder(process.ppid));
  });
});
