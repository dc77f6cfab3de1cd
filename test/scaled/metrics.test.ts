/**
 * The metrics that are counted from elsewhere than their own component: escalation
 * notifications (read from the outbox keys the escalation code writes) and errors (every
 * error-level log line, by component).
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.ts";
import { createMetrics, escalationLevelOf } from "../../app/metrics.ts";
import type { OutboundMessage } from "../../bot/events.ts";

const message = (fields: Partial<OutboundMessage>): OutboundMessage => ({
  target: { platform: "slack", conversationId: "C0ENG" },
  visibility: "internal",
  ...fields,
});

describe("metrics counted from other components", () => {
  it("counts reminders and the announcement of a level, not card refreshes or other messages", () => {
    expect(escalationLevelOf("esc:01abc:L2:ping:3:0", message({ text: "Reminder" }))).toBe(2);
    expect(escalationLevelOf("case:01abc:01evt:1", message({ text: "New case CS-10001", replaceKey: "case:01abc:support" }))).toBe(1);
    expect(escalationLevelOf("case:01abc:01evt:2", message({ text: "CS-10001 raised to the managers", replaceKey: "esc:01abc:L3" }))).toBe(
      3,
    );
    expect(escalationLevelOf("esc:01abc:L1:card:3:0", message({ replaceKey: "case:01abc:support" }))).toBeUndefined();
    expect(escalationLevelOf("slack:Ev1:out:0", message({ text: "I opened case CS-10001" }))).toBeUndefined();
  });

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
