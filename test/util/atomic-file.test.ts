// The output layer at unit level: short writes, a write that stores nothing, modes, symlinks,
// special files, stale temporary files, and the same-file checks of checkRunFiles.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  lstatSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { AtomicFileWriter, writeAllSync, writeFileAtomic } from '../../src/util/atomic-file.js';
import type { WriteFn } from '../../src/util/atomic-file.js';
import { checkRunFiles } from '../../src/util/run-files.js';
import { EnvironmentError } from '../../src/util/system-error.js';
import { liveTemps, removeStaleTemps } from '../../src/util/temp-files.js';
import { tempDir } from '../helpers/cli.js';

/** A writer that stores at most `max` bytes per call, and nothing once `budget` bytes are stored. */
function fakeDisk(max: number, budget = Infinity): { write: WriteFn; calls: () => number } {
  let stored = 0;
  let calls = 0;
  return {
    calls: () => calls,
    write: (fd, buffer, offset, length) => {
      calls++;
      const n = Math.min(length, max, budget - stored);
      if (n <= 0) return 0;
      stored += n;
      return writeSync(fd, buffer, offset, n);
    },
  };
}

const BIG = 'x'.repeat(200_000) + '\n';

describe('every byte counted', () => {
  it('a writer taking 1000 bytes a call still writes the whole file', () => {
    const dir = tempDir();
    const file = join(dir, 'out.txt');
    const disk = fakeDisk(1000);
    const w = new AtomicFileWriter(file, 'test file', { write: disk.write });
    w.write(BIG);
    w.commit();
    expect(readFileSync(file, 'utf8')).toBe(BIG);
    expect(disk.calls()).toBeGreaterThanOrEqual(BIG.length / 1000);
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('a disk that fills up is an error naming the file; the old file is kept whole', () => {
    const dir = tempDir();
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'old contents\n');
    const w = new AtomicFileWriter(file, 'test file', { write: fakeDisk(4096, 20_480).write });
    let caught: unknown;
    try {
      w.write(BIG);
      w.commit();
    } catch (err) {
      caught = err;
      w.abort();
    }
    expect(caught).toBeInstanceOf(EnvironmentError);
    expect((caught as Error).message).toMatch(/out\.txt: cannot write test file: only 20480 of 200001 bytes/);
    expect(readFileSync(file, 'utf8')).toBe('old contents\n');
    expect(readdirSync(dir)).toEqual(['out.txt']);
    expect(liveTemps()).toEqual([]);
  });

  it('writeAllSync reports a failing write as the path and the cause', () => {
    const fail: WriteFn = () => {
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO', syscall: 'write' });
    };
    expect(() => writeAllSync(1, 'abc', 'some/file', 'trace file', fail)).toThrow(
      'some/file: cannot write trace file: input/output error (EIO)',
    );
  });
});

describe('stdout', () => {
  it('a reader that closed stdout early (EPIPE) ends the command with exit 0, as for all stdout', () => {
    const epipe: WriteFn = () => {
      throw Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE', syscall: 'write' });
    };
    const w = new AtomicFileWriter('-', 'CSV file', { write: epipe });
    w.write('a,b\n');
    expect(() => w.commit()).toThrow(expect.objectContaining({ name: 'ExitStatus', exitCode: 0 }));
  });
});

describe('what is replaced, and how', () => {
  it('keeps the mode of the file it replaces, whatever the umask', () => {
    const dir = tempDir();
    const file = join(dir, 'secret.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o600);
    const old = process.umask(0o022);
    try {
      writeFileAtomic(file, '{"a":1}\n');
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
  });

  it('follows a symlink: the target is replaced, the link stays a link', () => {
    const dir = tempDir();
    const target = join(dir, 'weights.json');
    const link = join(dir, 'link.json');
    writeFileSync(target, 'old');
    symlinkSync('weights.json', link);
    writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'weights.json']);
  });

  it('writes a FIFO in place instead of renaming over it', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) {
      console.log('skipped: mkfifo is not available');
      return;
    }
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const done = new Promise((r) => reader.on('exit', r));
    writeFileAtomic(fifo, 'through the pipe\n');
    await done;
    expect(got).toBe('through the pipe\n');
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });
});

describe('temporary files', () => {
  it('are removed at the next write to the folder when their process is dead, kept while it lives', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const living = spawn('sleep', ['30']);
    try {
      const stale = `.x.json.perceptron-sim-tmp-${dead}-0a1b2c3d`;
      const held = `.y.json.perceptron-sim-tmp-${living.pid}-0a1b2c3d`;
      writeFileSync(join(dir, stale), 'partial');
      writeFileSync(join(dir, held), 'in progress');
      writeFileSync(join(dir, 'other.tmp'), 'not ours');
      writeFileAtomic(join(dir, 'z.json'), '{}');
      expect(readdirSync(dir).sort()).toEqual([held, 'other.tmp', 'z.json'].sort());
      expect(removeStaleTemps(dir)).toEqual([]);
    } finally {
      living.kill();
    }
  });
});

describe('checkRunFiles', () => {
  const refuse = (fn: () => void): string => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      return (err as Error).message;
    }
    throw new Error('not refused');
  };

  it('refuses an output that is an input, by path, through a symlink, or as a hard link', () => {
    const dir = tempDir();
    const data = join(dir, 'x.csv');
    writeFileSync(data, '1,0\n');
    symlinkSync('x.csv', join(dir, 'sym.csv'));
    linkSync(data, join(dir, 'hard.csv'));
    for (const out of [data, join(dir, '.', 'x.csv'), join(dir, 'sym.csv'), join(dir, 'hard.csv')]) {
      const msg = refuse(() =>
        checkRunFiles([{ option: '--data', path: data }], [{ option: '--save', path: out }]),
      );
      expect(msg).toContain(`--save ${out}: is the same file as the input --data ${data}`);
    }
  });

  it('refuses two outputs into one file, allows two into /dev/null', () => {
    const dir = tempDir();
    const msg = refuse(() =>
      checkRunFiles(
        [],
        [
          { option: '--trace', path: join(dir, 't') },
          { option: '--report', path: join(dir, 't') },
        ],
      ),
    );
    expect(msg).toMatch(/--report .*t: is the same file as the output --trace/);
    checkRunFiles(
      [],
      [
        { option: '--trace', path: '/dev/null' },
        { option: '--report', path: '/dev/null' },
      ],
    );
  });

  it('refuses an empty output path up front', () => {
    expect(refuse(() => checkRunFiles([], [{ option: '--vcd', path: '' }]))).toBe(
      '--vcd: empty path (give a file name, or - for stdout)',
    );
  });
});
