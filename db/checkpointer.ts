/**
 * SQLite WAL checkpoints off the main thread. With the default auto-checkpoint, every ~1,000
 * pages a commit on the main thread copies the log into the database file, stalling everything
 * for tens of milliseconds (it showed as timer lateness spikes in bench/timers.bench.ts). A worker
 * thread with its own connection runs a PASSIVE checkpoint every second instead — PASSIVE never
 * blocks the writer — and the main connection's auto-checkpoint stays as a far-off backstop.
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// The worker is plain CommonJS evaluated from a string, so it needs no TypeScript loader.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
let timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage({ error: String(error && error.message || error) }); }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  try { db.pragma("wal_checkpoint(PASSIVE)"); db.close(); } catch {}
  parentPort.postMessage("stopped");
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts the background checkpointer of a SQLite file. */
export function startCheckpointer(file: string, onError: (message: string) => void, intervalMs = 1_000): Checkpointer {
  const worker = new Worker(WORKER, { eval: true, workerData: { file, intervalMs, driver: require.resolve("better-sqlite3") } });
  worker.unref();
  worker.on("message", (message: unknown) => {
    if (typeof message === "object" && message && "error" in message) onError(String((message as { error: string }).error));
  });
  worker.on("error", (error) => onError(error.message));
  let stopping: Promise<void> | undefined;
  return {
    // Idempotent: a second close of the same database must not wait for a worker that is gone.
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        // Keep the process alive until the worker has checkpointed and closed its connection.
        worker.ref();
        const done = () => {
          void worker.terminate().finally(resolve);
        };
        worker.once("message", (message) => message === "stopped" && done());
        worker.postMessage("stop");
        setTimeout(done, 2_000);
      })),
  };
}
