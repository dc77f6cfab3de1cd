/**
 * `npm start` — runs Switchboard: the HTTP endpoints, the outbox dispatcher and the timer
 * scheduler, plus the shell conversation in the terminal when stdin is a terminal.
 *   npm start -- --no-shell   servers only
 *   npm start -- --as admin   start the shell as another demo person
 */
import { AdjustableClock } from "../core/clock.ts";
import { createApp } from "./app.ts";
import { ConfigError, readConfig } from "./config.ts";
import { loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { createMetrics } from "./metrics.ts";
import { ShellAdapter } from "../adapters/shell/shell-adapter.ts";
import { guardProcess } from "./process-guard.ts";
import { StartupError } from "./startup-errors.ts";

/** Where the shell writes its logs when LOG_FILE is not set: next to the default database. */
const DEFAULT_SHELL_LOG_FILE = "data/switchboard.log";

async function main(argv: string[]): Promise<void> {
  const env = loadEnv();
  const config = readConfig(env);
  const shell = !argv.includes("--no-shell") && (argv.includes("--shell") || process.stdin.isTTY === true);
  // In the shell the conversation owns the terminal: logs go to a file (warnings only unless asked),
  // never between the lines of the conversation. Every error-level log line counts in
  // switchboard_errors_total, by component.
  const metrics = createMetrics();
  const logFile = config.logFile ?? (shell ? DEFAULT_SHELL_LOG_FILE : undefined);
  const log = createLogger({
    level: shell && !env.LOG_LEVEL ? "warn" : config.logLevel,
    file: logFile,
    pretty: process.stdout.isTTY === true,
    onError: (component) => metrics.errors.inc({ component }),
  });
  let serving = false;
  guardProcess(process, log, { serving: () => serving });
  // The demo clock (`/clock` in the shell) only when the terminal is the one chat: with Slack or an
  // authenticated Teams bot connected, people there must never see time jump.
  const demoClock = shell && !config.slack && !config.teams.appId ? new AdjustableClock() : undefined;
  const app = await createApp(config, { log, metrics, demoClock });

  let adapter: ShellAdapter | undefined;
  if (shell) {
    const as = argv[argv.indexOf("--as") + 1];
    adapter = new ShellAdapter({
      input: process.stdin,
      output: process.stdout,
      person: argv.includes("--as") ? as : undefined,
      color: process.stdout.isTTY === true,
      handle: async (event) => (await app.bot.handle(event)).outboundKeys,
      onExit: () => void shutdown("end of input"),
    });
    app.dispatcher.register(adapter);
  }

  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "stopping");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    adapter?.stop();
    await app.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  const port = await app.start();
  serving = true;
  if (adapter) {
    process.stderr.write(
      `HTTP endpoints on port ${port} (/healthz, /readyz${config.metrics.token ? ", /metrics with METRICS_TOKEN" : ""})\n`,
    );
    if (app.metricsPort !== undefined) process.stderr.write(`Metrics on ${config.metrics.host}:${app.metricsPort}/metrics\n`);
    process.stderr.write(`Logs go to ${logFile} (LOG_FILE to change it)\n`);
    adapter.start();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  // The operator's to fix (a database or a port): one line naming the setting, no stack trace.
  if (error instanceof StartupError) {
    console.error(`Switchboard could not start: ${error.message}`);
    process.exit(1);
  }
  console.error("Switchboard could not start:", error);
  process.exit(1);
});
