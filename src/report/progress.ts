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
            format: `${label} [{bar}] {percentage}% | {eta_formatted} left`,
            stream,
            clearOnComplete: true,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(1000, 0);
      }
      bar.update(Math.round(Math.min(1, Math.max(0, fraction)) * 1000));
    },
    stop() {
      bar?.stop();
    },
  };
}
