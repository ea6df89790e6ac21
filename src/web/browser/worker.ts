/** The panels' simulation worker: PanelWorker (src/web/worker-core.ts) on the worker's message port. */
import { PanelWorker } from '../worker-core.js';
import type { ToWorker } from '../protocol.js';

const scope = globalThis as unknown as {
  postMessage(m: unknown): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const worker = new PanelWorker(
  (m) => scope.postMessage(m),
  () => performance.now(),
);
scope.onmessage = (e) => void worker.handle(e.data);
