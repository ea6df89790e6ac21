/**
 * A progress bar on stderr for long work (cli-progress), shown only when stderr is a terminal and
 * only once the work has taken more than a second, so short runs and pipes stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

const SHOW_AFTER_MS = 1000;

/**
 * Time left, from the whole time taken so far: cli-progress's own estimate starts when the bar
 * appears (a second in, often at 25 % already) and reads that jump as speed ("25 % | 3s left" after
 * 18 s of a sweep). Null before any progress.
 */
export function estimateSecondsLeft(elapsedMs: number, fraction: number): number | null {
  if (!(fraction > 0) || !Number.isFinite(elapsedMs)) return null;
  return ((elapsedMs / 1000) * (1 - Math.min(1, fraction))) / Math.min(1, fraction);
}

function formatLeft(seconds: number | null): string {
  if (seconds === null) return 'estimating…';
  if (seconds < 60) return `${Math.ceil(seconds)}s left`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `about ${m} min left` : `about ${(seconds / 3600).toFixed(1)} h left`;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(fraction: number) {
      if (!bar) {
        if (Date.now() - started < SHOW_AFTER_MS) return;
        bar = new cliProgress.SingleBar(
          {
            format: `${label} [{bar}] {percentage}% | {left}`,
            stream,
            clearOnComplete: true,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(1000, 0, { left: formatLeft(null) });
      }
      const f = Math.min(1, Math.max(0, fraction));
      bar.update(Math.round(f * 1000), { left: formatLeft(estimateSecondsLeft(Date.now() - started, f)) });
    },
    stop() {
      bar?.stop();
    },
  };
}
