/**
 * The metrics that are counted from elsewhere than their own component: errors (every
 * error-level log line, by component). Escalation notifications are counted from the outbox's
 * typed metadata; test/faults/escalation-reminders.test.ts checks them level by level.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.ts";
import { createMetrics } from "../../app/metrics.ts";

describe("metrics counted from other components", () => {
  it("counts every error-level log line by the logger's component", async () => {
    const metrics = createMetrics();
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const log = createLogger({ level: "info", destination: sink, onError: (component) => metrics.errors.inc({ component }) });
    log.child({ component: "outbox" }).child({ delivery: "x" }).error("message could not be delivered");
    log.child({ component: "outbox" }).warn("will retry");
    log.error("no component");
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^switchboard_errors_total\{component="outbox"\} 1$/m);
    expect(text).toMatch(/^switchboard_errors_total\{component="app"\} 1$/m);
  });
});
