/**
 * When no depot serving the site's country has the part, what else the stock data allows: a whole
 * unit instead of a field-replaceable part from one of those depots, or the part from another depot
 * that has it (a longer trip). Read-only: each alternative is offered as a button that orders
 * through the ordinary path again, with every check and the race for the unit decided there.
 */
import { DateTime } from "luxon";
import type { Tx } from "../../../db/client.ts";
import { DomainError } from "../../errors.ts";
import type { EntitledDevice } from "../entitlement.ts";
import { planShipment } from "./ship-date.ts";

/** Business days of transit from a depot that has no lane to the site's country. */
export const OUT_OF_LANE_TRANSIT_DAYS = 3;

/** Depots offered at most when the part is somewhere else. */
const MAX_OTHER_DEPOTS = 2;

/** One order that could be placed instead. */
export interface OrderAlternative {
  kind: "unit" | "depot";
  partCode: string;
  partName: string;
  partNameEs: string | null;
  depotKey: string;
  depotName: string;
  shipDate: string;
  deliveryDate: string;
}

/** When one of the country's depots expects the part back (the soonest). */
export interface Restock {
  depotName: string;
  partName: string;
  partNameEs: string | null;
  /** yyyy-MM-dd, depot-local. */
  date: string;
}

/** "No unit left", with the orders that could still be placed and when the part is expected back. */
export class NoStockError extends DomainError {
  constructor(
    params: { part: string; country: string },
    readonly alternatives: OrderAlternative[],
    readonly restock?: Restock,
  ) {
    super("conflict", "rma.error.noStock", params);
  }
}

interface LaneFacts {
  depotId: string;
  transitDays: number;
  depot: {
    key: string;
    name: string;
    timeZone: string;
    holidayCountry: string;
    holidayRegion: string | null;
    shipDays: string;
    cutoff: string;
  };
}

type Reader = Pick<Tx, "stockItem" | "part">;

/** The alternatives for a part none of `lanes` could reserve, soonest delivery first within each kind. */
export async function findAlternatives(
  prisma: Reader,
  device: EntitledDevice,
  part: { code: string; kind: string },
  lanes: LaneFacts[],
  now: Date,
): Promise<OrderAlternative[]> {
  const laneDepots = new Set(lanes.map((lane) => lane.depotId));
  const alternatives: OrderAlternative[] = [];
  if (part.kind !== "unit" && part.code !== device.modelId) {
    const unit = await prisma.part.findUnique({ where: { code: device.modelId } });
    const rows = unit ? await inStock(prisma, device.modelId, [...laneDepots]) : [];
    // Lanes are already in priority order: the first that has a unit is the one an order would use.
    const lane = lanes.find((candidate) => rows.some((row) => row.depotId === candidate.depotId));
    if (unit && lane) alternatives.push(option("unit", unit, lane.depot, planShipment(now, lane.depot, device.site, lane.transitDays)));
  }
  const elsewhere = (await inStock(prisma, part.code)).filter((row) => !laneDepots.has(row.depotId));
  const partRow = await prisma.part.findUnique({ where: { code: part.code } });
  const others = elsewhere
    .map((row) => option("depot", partRow!, row.depot, planShipment(now, row.depot, device.site, OUT_OF_LANE_TRANSIT_DAYS)))
    .sort((a, b) => a.deliveryDate.localeCompare(b.deliveryDate) || a.depotKey.localeCompare(b.depotKey))
    .slice(0, MAX_OTHER_DEPOTS);
  return [...alternatives, ...others];
}

function inStock(prisma: Reader, partCode: string, depotIds?: string[]) {
  return prisma.stockItem
    .findMany({ where: { partCode, ...(depotIds ? { depotId: { in: depotIds } } : {}) }, include: { depot: true } })
    .then((rows) => rows.filter((row) => row.onHand > row.reserved));
}

function option(
  kind: OrderAlternative["kind"],
  part: { code: string; name: string; nameEs: string | null },
  depot: LaneFacts["depot"],
  plan: { shipDate: string; deliveryDate: string },
): OrderAlternative {
  return {
    kind,
    partCode: part.code,
    partName: part.name,
    partNameEs: part.nameEs,
    depotKey: depot.key,
    depotName: depot.name,
    shipDate: plan.shipDate,
    deliveryDate: plan.deliveryDate,
  };
}

/** The soonest restock date (today or later, depot-local) that the country's depots have on record for the part. */
export async function findRestock(
  prisma: Reader,
  part: { code: string; name: string; nameEs: string | null },
  lanes: LaneFacts[],
  now: Date,
): Promise<Restock | undefined> {
  const rows = await prisma.stockItem.findMany({
    where: { partCode: part.code, depotId: { in: lanes.map((lane) => lane.depotId) }, restockOn: { not: null } },
    include: { depot: true },
  });
  const upcoming = rows
    .filter((row) => row.restockOn! >= DateTime.fromJSDate(now, { zone: row.depot.timeZone }).toISODate()!)
    .sort((a, b) => a.restockOn!.localeCompare(b.restockOn!));
  const soonest = upcoming[0];
  return soonest ? { depotName: soonest.depot.name, partName: part.name, partNameEs: part.nameEs, date: soonest.restockOn! } : undefined;
}
