/**
 * SQLite WAL checkpoints off the main thread. With the default auto-checkpoint, every ~1,000
 * pages a commit on the main thread copies the log into the database file, stalling everything
 * for tens of milliseconds (it showed as timer lateness spikes in bench/timers.bench.ts). A worker
 * thread with its own connection runs a PASSIVE checkpoint every 250 ms instead — PASSIVE never
 * blocks the writer — and the main connection's auto-checkpoint stays as a far-off backstop.
 *
 * PASSIVE alone lets the log grow without bound under steady load: with commits every few
 * milliseconds (and other connections reading), it never catches up with the end of the log, so
 * the log never starts over (209 MB against a 40 MB database after five minutes at 30 events/s).
 * So when nothing was written since the last round, the worker tries a TRUNCATE checkpoint that
 * does not wait: with a reader in the way it simply tries again next round (a waiting TRUNCATE
 * holds new writers back, and a transaction that read before it writes would fail its write).
 * When the log passes its limit, the TRUNCATE waits up to TRUNCATE_WAIT_MS for readers, holding
 * new writes back meanwhile (the main thread retries them off its event loop, db/fast-sql.ts).
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// The worker is plain CommonJS evaluated from a string, so it needs no TypeScript loader.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.truncateWaitMs });
const walSize = () => { try { return statSync(workerData.file + "-wal").size; } catch { return 0; } };
let lastLog = -1;
let timer = setInterval(() => {
  try {
    const [passive] = db.pragma("wal_checkpoint(PASSIVE)");
    const idle = passive.log === lastLog && passive.checkpointed === passive.log;
    lastLog = passive.log;
    const size = walSize();
    const over = size > workerData.limitBytes;
    if (over || (idle && size > 0)) {
      // Idle: only if no reader is in the way right now. A TRUNCATE that waits holds new writers
      // back, and a transaction that read before writing would then fail its write.
      db.pragma("busy_timeout = " + (over ? workerData.truncateWaitMs : 0));
      const [truncate] = db.pragma("wal_checkpoint(TRUNCATE)");
      if (truncate.busy && size > workerData.limitBytes) parentPort.postMessage({ busy: size });
      if (!truncate.busy) lastLog = 0;
    }
  } catch (error) { parentPort.postMessage({ error: String(error && error.message || error) }); }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  try { db.pragma("wal_checkpoint(PASSIVE)"); db.close(); } catch {}
  parentPort.postMessage("stopped");
});
`;

/** How long a TRUNCATE checkpoint may hold new writes back while readers finish. */
export const TRUNCATE_WAIT_MS = 250;
/** The log's size limit unless configured (SQLITE_WAL_LIMIT_MB). */
export const DEFAULT_WAL_LIMIT_BYTES = 64 * 1024 * 1024;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts the background checkpointer of a SQLite file. */
export function startCheckpointer(
  file: string,
  onError: (message: string) => void,
  options: { intervalMs?: number; limitBytes?: number } = {},
): Checkpointer {
  const workerData = {
    file,
    intervalMs: options.intervalMs ?? 250,
    limitBytes: options.limitBytes ?? DEFAULT_WAL_LIMIT_BYTES,
    truncateWaitMs: TRUNCATE_WAIT_MS,
    driver: require.resolve("better-sqlite3"),
  };
  const worker = new Worker(WORKER, { eval: true, workerData });
  worker.unref();
  worker.on("message", (message: unknown) => {
    if (typeof message !== "object" || !message) return;
    if ("error" in message) onError(String((message as { error: string }).error));
    if ("busy" in message)
      onError(
        `the write-ahead log is over its limit (${(message as { busy: number }).busy} bytes) and readers kept it from being truncated; retrying`,
      );
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
