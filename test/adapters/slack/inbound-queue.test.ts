import pino from "pino";
import { describe, expect, it } from "vitest";
import { InboundQueue, type HandleOutcome } from "../../../adapters/slack/inbound-queue.ts";
import { DeliveryNotices } from "../../../bot/runtime/delivery-notices.ts";
import type { InboundEvent } from "../../../bot/events.ts";
import { message } from "../../support/events.ts";

const silent = pino({ level: "silent" });
const slackReply = { target: { platform: "slack" as const, conversationId: "C1" }, text: "hi", visibility: "public" as const };

/** A handle() whose calls wait until the test lets them finish. */
function controlled() {
  const pending: ((outcome: HandleOutcome) => void)[] = [];
  const handle = (_event: InboundEvent) => new Promise<HandleOutcome>((resolve) => pending.push(resolve));
  return { handle, pending };
}

const settledFlag = (promise: Promise<void>) => {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the Slack inbound queue", () => {
  it("holds the next acknowledgement while the core is busy with as many events as allowed", async () => {
    const core = controlled();
    const queue = new InboundQueue(core.handle, silent, { limit: 2 });
    void queue.submit(message("a", "one"));
    void queue.submit(message("a", "two"));
    const room = settledFlag(queue.room(60_000));
    await tick();
    expect(room.done).toBe(false);
    core.pending[0]!({ duplicate: false });
    await tick();
    expect(room.done).toBe(true);
  });

  it("counts a reply until Slack has it, so acknowledgements follow the pace of replies", async () => {
    const core = controlled();
    const notices = new DeliveryNotices();
    const queue = new InboundQueue(core.handle, silent, { limit: 1, delivered: (key, ms) => notices.delivered(key, ms) });
    void queue.submit(message("a", "one"));
    core.pending[0]!({ duplicate: false, outbound: [slackReply], outboundKeys: ["slack:Ev1:out:0"] });
    await tick();
    const room = settledFlag(queue.room(60_000));
    await tick();
    expect(room.done).toBe(false);
    notices.settled("slack:Ev1:out:0", "delivered");
    await tick();
    expect(room.done).toBe(true);
  });

  it("does not wait for a reply that was delivered before the core finished", async () => {
    const core = controlled();
    const notices = new DeliveryNotices();
    const queue = new InboundQueue(core.handle, silent, { limit: 1, delivered: (key, ms) => notices.delivered(key, ms) });
    const done = queue.submit(message("a", "one"));
    notices.settled("slack:Ev2:out:0", "delivered");
    core.pending[0]!({ duplicate: false, outbound: [slackReply], outboundKeys: ["slack:Ev2:out:0"] });
    await done;
    const room = settledFlag(queue.room(60_000));
    await tick();
    expect(room.done).toBe(true);
  });

  it("tries an event again when the core could not record it, and gives up at stop", async () => {
    let calls = 0;
    const queue = new InboundQueue(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error("database is restarting");
        return { duplicate: false };
      },
      silent,
      { delays: [1] },
    );
    await queue.submit(message("a", "one"));
    expect(calls).toBe(2);

    const failing = new InboundQueue(async () => Promise.reject(new Error("down")), silent, { delays: [60_000] });
    const run = failing.submit(message("a", "two"));
    await failing.drain(1_000);
    await run;
  });
});
