/**
 * Asking for an onsite technician: the rules of the onsite option checked in the order a person
 * can act on (excluded work, entitlement, the contract's option, coverage of the site and the
 * product, remote diagnosis first), then the visit quoted with its fee in one transaction.
 */
import type { Database } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import { policy, type Viewer } from "../../authz.ts";
import { conflict, forbidden, invalid } from "../../errors.ts";
import type { Language } from "../../../core/vocabulary.ts";
import { recordAudit } from "../../audit/log.ts";
import { isUniqueViolation } from "../../cases/open.ts";
import type { Origin } from "../../cases/service.ts";
import { takeNextNumber } from "../../runtime/counters.ts";
import type { Directory } from "../../people/directory.ts";
import { enqueueMessages } from "../../runtime/outbox.ts";
import { checkEntitlement, parseSerial } from "../entitlement.ts";
import { countryName, parseRmaRef } from "../format.ts";
import { addVisitEvent } from "./events.ts";
import { planVisitNotices } from "./notify.ts";
import { coverageFor, excludedPurpose } from "./rules.ts";
import { visitSlots } from "./slots.ts";
import { OPEN_VISIT_STATUSES, toVisitView, type VisitView } from "./view.ts";

export interface OnsiteRequestInput {
  serial: string;
  purpose: string;
  /** The triage's category of the message, when it came from a sentence. */
  category?: string | null;
  /** The sentence the request came in, checked for excluded work (the purpose is then the default). */
  sentence?: string;
  /** The RMA whose part the technician installs (else the device's open one). */
  rma?: string;
  language: Language;
}

/** Quotes a visit; `created` is false when this origin (or an open visit of the device) already did. */
export async function requestVisit(
  db: Database,
  directory: Directory,
  viewer: Viewer,
  input: OnsiteRequestInput,
  origin: Origin,
  now: Date,
): Promise<{ view: VisitView; created: boolean }> {
  if (!policy.isSupport(viewer) && !policy.isCustomer(viewer)) throw forbidden();
  const excluded = excludedPurpose(input.sentence ?? input.purpose, input.category);
  if (excluded) throw conflict(`onsite.refused.${excluded}`);
  const prisma = db.prisma;
  const byOrigin = origin.originKey ? await prisma.onsiteVisit.findUnique({ where: { originKey: origin.originKey } }) : null;
  if (byOrigin) return { view: await toVisitView(prisma, byOrigin), created: false };
  const serial = parseSerial(input.serial);
  if (!serial) throw invalid("rma.error.needSerial", { serial: input.serial });
  const device = await checkEntitlement(prisma, viewer, serial, now);
  if (!device.contract.onsiteOption) throw conflict("onsite.refused.noOption", { organization: device.organizationName });
  const rows = await prisma.onsiteCoverage.findMany({ where: { country: device.site.country } });
  const { coverage, reason } = coverageFor(rows, device.site, device.family);
  if (!coverage)
    throw conflict(reason === "family" ? "onsite.refused.family" : "onsite.refused.location", {
      model: device.modelName,
      site: device.site.name,
      country: countryName(device.site.country, input.language),
    });
  const rmaNumber = input.rma ? parseRmaRef(input.rma) : undefined;
  const rma = await prisma.rma.findFirst({
    where: {
      deviceId: device.deviceId,
      ...(rmaNumber ? { number: rmaNumber } : { status: { in: ["ordered", "shipped", "delivered"] } }),
    },
    orderBy: { createdAt: "desc" },
  });
  // Remote diagnosis comes first: a replacement on order is its proof; support may dispatch after its own.
  if (!rma && !policy.isSupport(viewer)) throw conflict("onsite.refused.diagnosis", { serial });
  const open = await prisma.onsiteVisit.findFirst({ where: { deviceId: device.deviceId, status: { in: OPEN_VISIT_STATUSES } } });
  if (open) return { view: await toVisitView(prisma, open), created: false };
  const customer = policy.isCustomer(viewer);
  const requesterId = customer ? viewer.personId : (rma?.requesterId ?? null);
  const contact = requesterId ? await prisma.person.findUnique({ where: { id: requesterId }, select: { name: true } }) : null;
  const language: Language = customer ? input.language : ((rma?.language as Language | undefined) ?? device.organizationLocale);
  try {
    const view = await prisma.$transaction(
      async (tx) => {
        const number = await takeNextNumber(tx, "onsite");
        const row = await tx.onsiteVisit.create({
          data: {
            id: newId(now.getTime()),
            number,
            organizationId: device.organizationId,
            deviceId: device.deviceId,
            siteId: device.site.id,
            caseId: rma?.caseId ?? null,
            rmaId: rma?.id ?? null,
            requesterId,
            contactId: requesterId,
            contactName: contact?.name ?? null,
            originKey: origin.originKey ?? null,
            status: "quoted",
            purpose: input.purpose.trim().slice(0, 500) || "install the replacement part",
            fee: coverage.fee,
            currency: coverage.currency,
            timeZone: device.site.timeZone,
            language,
            createdAt: now,
            updatedAt: now,
          },
        });
        const view = await toVisitView(tx, row);
        const eventId = (await addVisitEvent(tx, view.id, "quoted", viewer, view.purpose, undefined, now))!;
        await recordAudit(
          tx,
          {
            actor: viewer,
            platform: origin.platform,
            action: "onsite.quoted",
            subjectType: "onsite",
            subjectId: view.ref,
            organizationId: view.organizationId,
            after: { device: view.serial, fee: view.fee, currency: view.currency, purpose: view.purpose },
          },
          now,
        );
        const slots = visitSlots(now, device.site, coverage.hours, { notBefore: view.partExpected ?? undefined });
        await enqueueMessages(
          tx,
          await planVisitNotices(tx, directory, view, "quoted", eventId, origin.conversation, {
            slots,
            // A customer's own request: the others of the organization read who asked.
            requestedBy: customer ? viewer.name : undefined,
          }),
          now,
        );
        return view;
      },
      { maxWait: 10_000, timeout: 15_000 },
    );
    return { view, created: true };
  } catch (error) {
    if (!origin.originKey || !isUniqueViolation(error)) throw error;
    const row = await prisma.onsiteVisit.findUnique({ where: { originKey: origin.originKey } });
    if (!row) throw error;
    return { view: await toVisitView(prisma, row), created: false };
  }
}
