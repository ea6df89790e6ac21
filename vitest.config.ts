import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built program; give them room on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default leaves one core free, which on the 2-core CI machine runs the files one at a
    // time; most of the suite waits on child processes (the CLI, browsers, Slurm), so two files at
    // once use the machine better.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
