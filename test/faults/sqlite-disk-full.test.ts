/**
 * Fault: the disk under the SQLite file fills up. A small tmpfs holds the database; a filler file
 * takes the rest of it while people open cases in Slack, so the writes fail with SQLITE_FULL. The
 * process must stay up, must not tell anyone "sorry" for work it could not record, and once the
 * filler is deleted every message ends with its case exactly once (what it refused with a 5xx,
 * Slack's retry brings back).
 *
 * Mounting needs root (CAP_SYS_ADMIN); elsewhere the test is skipped with a warning.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, openSync, closeSync, rmSync, writeSync, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/app.ts";
import { ANA, eventEnvelope, mention, sendEvent, startTestbed, type Testbed } from "../adapters/slack/testbed.ts";
import { countAnswers, reportFault } from "./summary.ts";

const DISK_MB = 24;
const EVENTS = 6;

/** A small tmpfs of its own, or undefined (with a warning) when this process may not mount. */
function mountSmallDisk(): string | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-small-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${DISK_MB}m`, "tmpfs", dir], { stdio: "pipe" });
    return dir;
  } catch (error) {
    rmdirSync(dir);
    console.warn(`skipping the full-disk fault: cannot mount a tmpfs here (needs root): ${(error as Error).message.split("\n")[0]}`);
    return undefined;
  }
}

/** Writes zeros to `file` until the disk says ENOSPC; returns the bytes written. */
function fillDisk(file: string): number {
  const fd = openSync(file, "a");
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  try {
    for (;;) {
      try {
        written += writeSync(fd, chunk);
      } catch (error) {
        if ((error as { code?: string }).code !== "ENOSPC") throw error;
        // The last pages: smaller writes until not even one byte fits.
        for (let size = chunk.length / 2; size >= 1; size = Math.floor(size / 2)) {
          try {
            for (;;) written += writeSync(fd, chunk.subarray(0, size));
          } catch (inner) {
            if ((inner as { code?: string }).code !== "ENOSPC") throw inner;
          }
        }
        return written;
      }
    }
  } finally {
    closeSync(fd);
  }
}

const disk = mountSmallDisk();

describe.skipIf(!disk)("fault: the disk under the SQLite file fills up", () => {
  let bed: Testbed;
  let base: string;
  const filler = path.join(disk ?? "", "filler");
  beforeAll(async () => {
    // The test database goes where os.tmpdir() points: on the small disk.
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = disk;
    try {
      bed = await startTestbed({ RESUME_INTERVAL_SECONDS: "1", INBOUND_LEASE_SECONDS: "3" });
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    base = bed.url.replace(/\/slack\/events$/, "");
  });
  afterAll(async () => {
    rmSync(filler, { force: true });
    await bed?.close();
    if (disk) {
      execFileSync("umount", [disk]);
      rmdirSync(disk);
    }
  });

  const threadOf = (ts: string) => bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === ts);
  const openedIn = (ts: string) => threadOf(ts).filter((c) => /I opened case/.test(String(c.args.text)));

  it("stays up while full, tells nobody 'sorry', and opens every case once after space is freed", async () => {
    const events = Array.from({ length: EVENTS }, (_, i) => {
      const token = `diskfull${i}x${Date.now() % 100_000}`;
      const m = mention(ANA, `open case the Bar 50 number ${token} has no sound`);
      return { token, ts: String(m.ts), id: "", envelope: eventEnvelope(m), status: 0 };
    });
    for (const event of events) event.id = String(event.envelope.event_id);

    expect(fillDisk(filler)).toBeGreaterThan(0);
    const filledAt = Date.now();
    // Half the messages arrive on a full disk, the rest while it stays full and the first are handled.
    for (const event of events) {
      event.status = (await sendEvent(bed.url, event.envelope)).status;
      expect([200, 503]).toContain(event.status);
      // Whatever was freed meanwhile (a rolled-back journal) is taken again.
      fillDisk(filler);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const readyWhileFull = (await fetch(`${base}/readyz`)).status;
    const healthWhileFull = (await fetch(`${base}/healthz`)).status;
    // The disk was really full for the app: no message got its case.
    expect(events.filter((e) => openedIn(e.ts).length > 0)).toEqual([]);
    expect(bed.t.logs.lines.some((line) => /SQLITE_FULL|database or disk is full/.test(JSON.stringify(line)))).toBe(true);

    rmSync(filler);
    const freedAt = Date.now();
    // Slack retries what was refused, with the same event_id.
    for (const event of events.filter((e) => e.status !== 200))
      expect(
        (await sendEvent(bed.url, event.envelope, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" } })).status,
      ).toBe(200);
    await eventually(() => {
      for (const event of events) expect(openedIn(event.ts).length, event.token).toBeGreaterThan(0);
    }, 30_000);
    // Give a doubled answer time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(healthWhileFull).toBe(200);
    for (const event of events) {
      expect(await bed.t.app.db.prisma.case.count({ where: { description: { contains: event.token } } }), event.token).toBe(1);
      expect(threadOf(event.ts).map((c) => String(c.args.text))).not.toContainEqual(expect.stringMatching(/something went wrong/i));
    }
    const row = countAnswers(
      events.map((e) => e.id),
      new Map(events.map((e) => [e.id, openedIn(e.ts).length])),
    );
    const latestReplyMs = Math.max(...events.map((e) => openedIn(e.ts)[0]!.at - freedAt));
    reportFault({
      fault: `SQLite disk full (${DISK_MB} MB tmpfs filled for ${Math.round((freedAt - filledAt) / 1000)} s), /readyz ${readyWhileFull} while full`,
      ...row,
      latestReplyMs,
    });
    expect(row.lost).toBe(0);
    expect(row.doubled).toBe(0);
    expect(readyWhileFull).toBe(503);
  }, 90_000);
});
