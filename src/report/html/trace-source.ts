/**
 * The trace file as the report's player sees it: its summary and a way to walk its steps. The one
 * place the HTML report reads a file; the rendering itself (index.ts, player-data.ts) stays pure.
 */
import type { TraceStep } from '../../trace/format.js';
import { TraceReader } from '../../trace/reader.js';
import { summarizeTrace } from '../../trace/replay.js';
import type { TraceSummary } from '../../trace/replay.js';
import { buildPlayerData } from './player-data.js';
import type { PlayerBuild, PlayerOptions } from './player-data.js';

/** The steps of a trace in order, read one line at a time (a tampered trace is refused by the summary first). */
export function* traceSteps(file: string): Generator<TraceStep> {
  const r = new TraceReader(file);
  try {
    for (let rec = r.next(); rec !== null; rec = r.next()) if (rec.type === 'step') yield rec.step;
  } finally {
    r.close();
  }
}

/** The player's data for a trace already summarised (`replay --report`, `run --trace --report`). */
export function tracePlayer(file: string, summary: TraceSummary, options: PlayerOptions = {}): PlayerBuild {
  return buildPlayerData(summary.header, summary.steps, () => traceSteps(file), options);
}

/** Summary (refusing a tampered trace) and the player's data. */
export function loadTraceForReport(
  file: string,
  options: PlayerOptions = {},
): { summary: TraceSummary; player: PlayerBuild } {
  const summary = summarizeTrace(file);
  return { summary, player: tracePlayer(file, summary, options) };
}
