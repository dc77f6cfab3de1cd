/**
 * The case policy for critical device events. The first critical event of a site's burst:
 * - comments on the device's active case, when it has one (the engineers see the new event);
 * - otherwise opens a case (sev2) for the device on behalf of the organization's first admin,
 *   provided the organization has a contract in force — without one, the admins' card is all.
 * Later critical events of the same burst only count on the card (no case per event in a storm).
 * The case is keyed by the event id, so a redelivered or resumed event never opens a second one.
 */
import type { Logger } from "pino";
import type { Database } from "../../../db/client.ts";
import { SYSTEM_VIEWER } from "../../authz.ts";
import type { Language } from "../../../core/vocabulary.ts";
import { translate, type MessageKey } from "../../i18n/index.ts";
import type { CaseService, Origin } from "../../cases/service.ts";
import type { Directory } from "../../people/directory.ts";
import type { DeviceEvent } from "./event.ts";
import type { KnownDevice } from "./service.ts";

const ACTIVE = ["open", "waiting_customer", "waiting_partner"];
const CATEGORY: Record<string, string> = {
  error: "hardware_failure",
  peripheral_missing: "hardware_failure",
  update_failed: "firmware_software",
  offline: "network",
  online: "network",
};

/** Opens or updates the case of a critical device event (see the file comment for the rules). */
export class DeviceCasePolicy {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly directory: Directory,
    private readonly log: Logger,
  ) {}

  /** Opens or updates the case for a critical event; records it on the digest (which shows it on the card). */
  async apply(event: DeviceEvent, device: KnownDevice, digestId: string): Promise<void> {
    const caseId = await this.openOrUpdate(event, device).catch((error: unknown) => {
      // The event and the admins' card are already stored; a case failure must not lose them.
      this.log.error(
        { err: error, eventId: event.id, serial: device.serial },
        "could not open or update a case for a critical device event",
      );
      return null;
    });
    // `reported = 0` marks the card stale, so the end of the window rewrites it with the case.
    await this.db.prisma
      .$executeRaw`UPDATE "StatusDigest" SET "caseId" = ${caseId ?? "none"}, reported = 0 WHERE id = ${digestId} AND "closedAt" IS NULL`;
  }

  private async openOrUpdate(event: DeviceEvent, device: KnownDevice): Promise<string | null> {
    const lang: Language = device.locale === "es" ? "es" : "en";
    const t = (key: MessageKey, params: Record<string, string> = {}) => translate(lang, key, params);
    const state = t(`ds.type.${event.type}` as MessageKey);
    const params = {
      model: device.modelName,
      serial: device.serial,
      state,
      site: device.siteName ?? t("ds.noSite"),
      detail: event.detail ?? "",
      at: event.occurredAt,
    };
    const origin: Origin = { platform: "device", originKey: `device:${event.id}` };
    const active = await this.db.prisma.case.findFirst({
      where: { deviceId: device.id, status: { in: ACTIVE } },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    });
    if (active) {
      await this.cases.comment(SYSTEM_VIEWER, active.number, t("ds.case.comment", params), "public", origin);
      return active.id;
    }
    if (!(await this.directory.contractOf(device.organizationId))) {
      this.log.info({ serial: device.serial }, "critical device event without a contract in force: admins notified, no case");
      return null;
    }
    // The case is the admins' to follow: their first admin asks, or anyone of the organization.
    const requester =
      (await this.db.prisma.person.findFirst({
        where: { organizationId: device.organizationId, role: "admin" },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      })) ??
      (await this.db.prisma.person.findFirst({
        where: { organizationId: device.organizationId },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      }));
    if (!requester) return null;
    const { view } = await this.cases.open(
      SYSTEM_VIEWER,
      {
        title: t("ds.case.title", params),
        description: t("ds.case.description", params),
        severity: "sev2",
        category: CATEGORY[event.type] ?? null,
        language: lang,
        organizationId: device.organizationId,
        requesterId: requester.id,
        deviceId: device.id,
        siteId: device.siteId,
      },
      origin,
    );
    return view.id;
  }
}
