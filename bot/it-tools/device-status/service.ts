/**
 * Device status notifications. Each event from the device-status webhook is stored, updates the
 * device's last known state and is grouped per site into a "digest": the first event of a quiet
 * site posts a card to the organization's admins at once; what follows within the grouping
 * window only counts, and a timer at the end of each window updates that same card in place
 * (`replaceKey`) with the totals. A storm of 1,000 events for one site is two or three messages,
 * and every event is in the totals. A critical event may open or update a case (device-cases.ts).
 */
import type { Logger } from "pino";
import { Prisma, type Database } from "../../../db/client.ts";
import { toNumber, type Steps } from "../../../db/fast-sql.ts";
import { newId } from "../../../db/ids.ts";
import type { Clock } from "../../../core/clock.ts";
import type { Directory } from "../../people/directory.ts";
import { enqueueStatement } from "../../runtime/outbox.ts";
import { scheduleStatement } from "../../runtime/timers.ts";
import type { ConversationRef } from "../../events.ts";
import { severityOf, type DeviceEvent } from "./event.ts";
import type { DeviceCasePolicy } from "./cases.ts";
import { firstEventCard, digestCardKey } from "./card.ts";
import { statusOverview, type StatusOverview } from "./overview.ts";
import type { Viewer } from "../../authz.ts";

/** The timer kind that updates a digest's card at the end of each window. */
export const DIGEST_TIMER = "device-status.digest";
/** How long events of one site are grouped before the card is updated. */
export const DEFAULT_GROUP_WINDOW_MS = 30_000;

/** A registered device as the notifications need it (cached: devices change only by registration). */
export interface KnownDevice {
  id: string;
  serial: string;
  modelName: string;
  organizationId: string;
  siteId: string | null;
  siteName: string | null;
  locale: string;
}

export type RecordOutcome = "recorded" | "duplicate" | "unknown_device";

const CACHE_TTL_MS = 30_000;

class Duplicate extends Error {}

/** Records device-status events, groups them per site for the admins, and answers what devices reported. */
export class DeviceStatusService {
  private readonly devices = new Map<string, { at: number; device: KnownDevice | undefined }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly directory: Directory,
    private readonly log: Logger,
    private readonly hooks: { committed(): void; wake(dueAt: Date): void; casePolicy?: DeviceCasePolicy },
    readonly windowMs = DEFAULT_GROUP_WINDOW_MS,
  ) {}

  /** Stores one event (once per event id) and groups it into its site's digest. */
  async record(event: DeviceEvent): Promise<RecordOutcome> {
    const device = await this.device(event.serial.trim().toUpperCase());
    if (!device) {
      this.log.warn({ serial: event.serial, eventId: event.id }, "device status event for a serial that is not registered; dropped");
      return "unknown_device";
    }
    const now = this.clock.now();
    const routes = await this.directory.routesFor("admins", device.organizationId);
    let result: { digestId: string; first: boolean; claimedCase: boolean };
    try {
      // The hot path of a storm: a few statements on the driver (db/fast-sql.ts), one transaction.
      result = await this.db.fast.transaction(() => this.storeSteps(event, device, routes, now));
    } catch (error) {
      if (!(error instanceof Duplicate)) throw error;
      // Already stored: a resumed delivery may still owe its case (see below).
      await this.resumeCase(event, device);
      return "duplicate";
    }
    if (result.first) {
      this.hooks.committed();
      this.hooks.wake(new Date(now.getTime() + this.windowMs));
    }
    if (result.claimedCase) await this.hooks.casePolicy?.apply(event, device, result.digestId);
    return "recorded";
  }

  private *storeSteps(
    event: DeviceEvent,
    device: KnownDevice,
    routes: ConversationRef[],
    now: Date,
  ): Steps<{ digestId: string; first: boolean; claimedCase: boolean }> {
    const severity = severityOf(event);
    const openKey = `${device.organizationId}:${device.siteId ?? "-"}`;
    const [digest] = yield Prisma.sql`INSERT INTO "StatusDigest"
        (id, "openKey", "organizationId", "siteId", events, reported, updates, "startedAt", "lastEventAt")
      VALUES (${newId(now.getTime())}, ${openKey}, ${device.organizationId}, ${device.siteId}, 1, 1, 0, ${now}, ${now})
      ON CONFLICT ("openKey") DO UPDATE SET events = "StatusDigest".events + 1, "lastEventAt" = excluded."lastEventAt"
      RETURNING id, events, "caseId"`;
    const digestId = String(digest!.id);
    const occurredAt = new Date(event.occurredAt);
    const detail = [event.detail, event.peripheral].filter(Boolean).join(" · ") || null;
    const inserted = yield Prisma.sql`INSERT INTO "DeviceEvent"
        (id, "deviceId", "organizationId", "siteId", "digestId", type, severity, detail, "occurredAt", "receivedAt")
      VALUES (${event.id}, ${device.id}, ${device.organizationId}, ${device.siteId}, ${digestId}, ${event.type}, ${severity}, ${detail}, ${occurredAt}, ${now})
      ON CONFLICT (id) DO NOTHING RETURNING id`;
    // Rolls the digest's count back too: the event was counted when it first arrived.
    if (inserted.length === 0) throw new Duplicate();
    // Events can arrive out of order; only a newer one changes the device's state.
    yield Prisma.sql`INSERT INTO "DeviceStatus" ("deviceId", "organizationId", state, detail, since, "updatedAt")
      VALUES (${device.id}, ${device.organizationId}, ${event.type}, ${detail}, ${occurredAt}, ${now})
      ON CONFLICT ("deviceId") DO UPDATE SET state = excluded.state, detail = excluded.detail, since = excluded.since, "updatedAt" = excluded."updatedAt"
      WHERE "DeviceStatus".since <= excluded.since`;
    if (event.firmware)
      yield Prisma.sql`UPDATE "Device" SET "firmwareVersion" = ${event.firmware} WHERE id = ${device.id} AND ("firmwareVersion" IS NULL OR "firmwareVersion" <> ${event.firmware})`;
    const first = toNumber(digest!.events) === 1;
    if (first) {
      const { lang, card } = firstEventCard(device, event, severity, this.windowMs);
      const replaceKey = digestCardKey(digestId);
      const messages = routes.map((target, index) => ({
        key: `${replaceKey}:v0:${index}`,
        message: { target, visibility: "public" as const, lang, replaceKey, card },
      }));
      const enqueue = enqueueStatement(messages, now);
      if (enqueue) yield enqueue;
      yield scheduleStatement([digestTimer(digestId, 0, new Date(now.getTime() + this.windowMs))], now)!;
    }
    // One case per burst at most: the first critical event claims the digest's case slot.
    let claimedCase = false;
    if (severity === "critical" && digest!.caseId === null && this.hooks.casePolicy) {
      const claimed =
        yield Prisma.sql`UPDATE "StatusDigest" SET "caseId" = ${pendingCase(event.id)} WHERE id = ${digestId} AND "caseId" IS NULL RETURNING id`;
      claimedCase = claimed.length === 1;
    }
    return { digestId, first, claimedCase };
  }

  /** A delivery interrupted after its event was stored but before its case was handled finishes it. */
  private async resumeCase(event: DeviceEvent, device: KnownDevice): Promise<void> {
    const stored = await this.db.prisma.deviceEvent.findUnique({ where: { id: event.id }, select: { digestId: true } });
    if (!stored?.digestId || !this.hooks.casePolicy) return;
    const digest = await this.db.prisma.statusDigest.findUnique({ where: { id: stored.digestId }, select: { caseId: true } });
    if (digest?.caseId === pendingCase(event.id)) await this.hooks.casePolicy.apply(event, device, stored.digestId);
  }

  /** What the admin's devices (or one site's) last reported. */
  overview(viewer: Viewer, siteId?: string): Promise<StatusOverview> {
    return statusOverview(this.db, this.clock, viewer, siteId);
  }

  /** A registered device by canonical serial (cached; unknown serials briefly too). */
  async device(serial: string): Promise<KnownDevice | undefined> {
    const now = this.clock.now().getTime();
    const cached = this.devices.get(serial);
    if (cached && now - cached.at < (cached.device ? CACHE_TTL_MS : CACHE_TTL_MS / 6)) return cached.device;
    const row = await this.db.prisma.device.findUnique({
      where: { serial },
      select: {
        id: true,
        serial: true,
        organizationId: true,
        siteId: true,
        model: { select: { name: true } },
        site: { select: { name: true } },
        organization: { select: { locale: true } },
      },
    });
    const device = row
      ? {
          id: row.id,
          serial: row.serial,
          modelName: row.model.name,
          organizationId: row.organizationId,
          siteId: row.siteId,
          siteName: row.site?.name ?? null,
          locale: row.organization.locale,
        }
      : undefined;
    if (this.devices.size > 100_000) this.devices.clear();
    this.devices.set(serial, { at: now, device });
    return device;
  }
}

/** The marker a critical event leaves on its digest while it opens or updates the case. */
export const pendingCase = (eventId: string) => `pending:${eventId}`;

/** The timer of a digest's n-th window (a new key each time: the firing timer's row is marked fired after its handler). */
export function digestTimer(digestId: string, window: number, dueAt: Date) {
  return { key: `device-status:digest:${digestId}:${window}`, kind: DIGEST_TIMER, dueAt, payload: { digestId } };
}
