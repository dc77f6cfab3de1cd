import { describe, expect, it } from "vitest";
import { DeliveryNotices } from "../../../bot/runtime/delivery-notices.ts";

describe("waiting for an outbox message to go out", () => {
  it("ends when the message is delivered or given up, with which", async () => {
    const notices = new DeliveryNotices();
    const reply = notices.delivered("slack:Ev1:out:0", 60_000);
    const ping = notices.delivered("esc:c1:L1:ping:1:0", 60_000);
    notices.settled("slack:Ev1:out:0", "delivered");
    notices.settled("esc:c1:L1:ping:1:0", "given-up");
    expect(await reply).toBe("delivered");
    expect(await ping).toBe("given-up");
  });

  it("ends at once for a message that went out before anyone waited (the dispatcher can be that quick)", async () => {
    const notices = new DeliveryNotices();
    notices.settled("teams:a|b:out:0", "delivered");
    expect(await notices.delivered("teams:a|b:out:0", 60_000)).toBe("delivered");
  });

  it("lets every waiter of one message go, and gives up waiting after the time allowed", async () => {
    const notices = new DeliveryNotices();
    const first = notices.delivered("k", 60_000);
    const second = notices.delivered("k", 60_000);
    const other = notices.delivered("never", 20);
    notices.settled("k", "delivered");
    expect(await Promise.all([first, second, other])).toEqual(["delivered", "delivered", "timed-out"]);
  });
});
