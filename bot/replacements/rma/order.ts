/**
 * Ordering an advance replacement: entitlement, a unit reserved at the first depot serving the
 * site's country that has one (the conditional UPDATE decides a race for the last unit), the ship
 * date and expected delivery, and the RMA with its timeline event, audit row and messages — all
 * in one transaction, so a refusal or a lost race leaves nothing behind.
 */
import type { Database } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import { policy, type Viewer } from "../../authz.ts";
import { conflict, DomainError, forbidden, invalid, notFound } from "../../errors.ts";
import type { Language } from "../../../core/vocabulary.ts";
import { recordAudit } from "../../audit/log.ts";
import { isUniqueViolation } from "../../cases/open.ts";
import type { Origin } from "../../cases/service.ts";
import { takeNextNumber } from "../../runtime/counters.ts";
import type { Directory } from "../../people/directory.ts";
import { enqueueMessages } from "../../runtime/outbox.ts";
import { checkEntitlement, parseSerial } from "../entitlement.ts";
import { addRmaEvent } from "./events.ts";
import { planRmaNotices } from "./notify.ts";
import { toRmaViews, type RmaView } from "./view.ts";
import { planShipment } from "./ship-date.ts";
import { findAlternatives, findRestock, NoStockError, OUT_OF_LANE_TRANSIT_DAYS } from "./alternatives.ts";
import { reserveFirst } from "../stock.ts";

export interface OrderInput {
  serial?: string;
  /** The case the diagnosis was made in: its customer, requester and language follow. */
  caseNumber?: number;
  /** A field-replaceable part instead of the whole unit. */
  partCode?: string;
  reason: string;
  /**
   * Ship from this depot (an alternative offered when the country's depots had none): its lane's
   * transit when it has one to the site's country, otherwise `OUT_OF_LANE_TRANSIT_DAYS`.
   */
  depotKey?: string;
}

/** Orders a replacement; `created` is false when this origin already ordered it. */
export async function orderReplacement(
  db: Database,
  directory: Directory,
  viewer: Viewer,
  input: OrderInput,
  origin: Origin,
  now: Date,
): Promise<{ view: RmaView; created: boolean }> {
  if (!policy.isSupport(viewer)) throw forbidden("rma.error.engineersOnly");
  const prisma = db.prisma;
  const existing = origin.originKey ? await prisma.rma.findUnique({ where: { originKey: origin.originKey } }) : null;
  if (existing) return { view: (await toRmaViews(prisma, [existing]))[0]!, created: false };
  const kase = input.caseNumber
    ? await prisma.case.findUnique({ where: { number: input.caseNumber }, include: { device: { select: { serial: true } } } })
    : null;
  if (input.caseNumber && !kase) throw notFound("error.caseNotFound", { case: `CS-${input.caseNumber}` });
  const serial = input.serial ? parseSerial(input.serial) : kase?.device?.serial;
  if (!serial) throw invalid("rma.error.needSerial", { serial: input.serial ?? "" });
  const device = await checkEntitlement(prisma, viewer, serial, now, kase?.organizationId);
  const partCode = input.partCode ?? device.modelId;
  const part = await prisma.part.findUnique({ where: { code: partCode } });
  if (!part) throw invalid("rma.error.unknownPart", { part: partCode });
  const fits = JSON.parse(part.models) as string[];
  if (fits.length > 0 && !fits.includes(device.modelId))
    throw invalid("rma.error.partDoesNotFit", { part: part.name, model: device.modelName });
  const countryLanes = await prisma.depotLane.findMany({
    where: { country: device.site.country },
    include: { depot: true },
    orderBy: [{ priority: "asc" }, { transitDays: "asc" }],
  });
  if (countryLanes.length === 0) throw conflict("rma.error.noDepot", { country: device.site.country });
  const lanes = input.depotKey ? await chosenDepot(db, input.depotKey, countryLanes) : countryLanes;
  // Without a case, the device's latest active case (if any) is the one this diagnosis belongs to.
  const linked =
    kase ??
    (await prisma.case.findFirst({
      where: { deviceId: device.deviceId, status: { in: ["open", "waiting_customer", "waiting_partner"] } },
      orderBy: { createdAt: "desc" },
    }));
  const requester = linked ? await prisma.person.findUnique({ where: { id: linked.requesterId }, select: { locale: true } }) : null;
  const language: Language =
    (linked?.language as Language | undefined) ?? (requester?.locale as Language | null) ?? device.organizationLocale;
  const reason = input.reason.trim().slice(0, 2_000) || "hardware fault confirmed by remote diagnosis";

  const run = () =>
    db.prisma.$transaction(
      async (tx) => {
        // The reservation is the first statement: SQLite takes its write lock up front, and the
        // conditional UPDATE decides the race for the last unit.
        const level = await reserveFirst(
          tx,
          lanes.map((lane) => lane.depotId),
          partCode,
          now,
        );
        if (!level) throw conflict("rma.error.noStock", { part: part.name, country: device.site.country });
        const lane = lanes.find((candidate) => candidate.depotId === level.depotId)!;
        const plan = planShipment(now, lane.depot, device.site, lane.transitDays);
        const number = await takeNextNumber(tx, "rma");
        const row = await tx.rma.create({
          data: {
            id: newId(now.getTime()),
            number,
            organizationId: device.organizationId,
            deviceId: device.deviceId,
            siteId: device.site.id,
            caseId: linked?.id ?? null,
            depotId: lane.depotId,
            partCode,
            requesterId: linked?.requesterId ?? null,
            orderedById: viewer.personId,
            originKey: origin.originKey ?? null,
            status: "ordered",
            reason,
            language,
            shipDate: plan.shipDate,
            deliveryDate: plan.deliveryDate,
            createdAt: now,
            updatedAt: now,
          },
        });
        const view = (await toRmaViews(tx, [row]))[0]!;
        const eventId = (await addRmaEvent(tx, view.id, "ordered", viewer, reason, undefined, now))!;
        await recordAudit(
          tx,
          {
            actor: viewer,
            platform: origin.platform,
            action: "rma.ordered",
            subjectType: "rma",
            subjectId: view.ref,
            organizationId: view.organizationId,
            after: {
              device: view.serial,
              part: partCode,
              depot: lane.depot.key,
              shipDate: plan.shipDate,
              deliveryDate: plan.deliveryDate,
            },
          },
          now,
        );
        const notices = await planRmaNotices(tx, directory, view, "ordered", eventId, origin.conversation, { stock: level });
        await enqueueMessages(tx, notices, now);
        return view;
      },
      { maxWait: 10_000, timeout: 15_000 },
    );
  try {
    return { view: await run(), created: true };
  } catch (error) {
    // The transaction rolled back; what else the stock allows is read afterwards and offered.
    if (error instanceof DomainError && error.messageKey === "rma.error.noStock")
      throw new NoStockError(
        error.params as { part: string; country: string },
        await findAlternatives(prisma, device, part, countryLanes, now),
        await findRestock(prisma, part, countryLanes, now),
      );
    // Two copies of one delivery raced and the other committed first: return its RMA.
    if (!origin.originKey || !isUniqueViolation(error)) throw error;
    const row = await prisma.rma.findUnique({ where: { originKey: origin.originKey } });
    if (!row) throw error;
    return { view: (await toRmaViews(prisma, [row]))[0]!, created: false };
  }
}

/** The one lane an order from a named depot uses: the depot's own lane to the country, or a longer trip. */
async function chosenDepot<L extends { depotId: string; transitDays: number }>(db: Database, depotKey: string, countryLanes: L[]) {
  const depot = await db.prisma.depot.findUnique({ where: { key: depotKey } });
  if (!depot) throw invalid("rma.error.unknownDepot", { depot: depotKey });
  const own = countryLanes.find((lane) => lane.depotId === depot.id);
  return [own ?? { ...countryLanes[0]!, depotId: depot.id, depot, transitDays: OUT_OF_LANE_TRANSIT_DAYS }];
}
