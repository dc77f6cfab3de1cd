/**
 * Spare parts: what a depot holds and what can still be promised. Customers ask whether a part
 * is available for their country (and when an order would ship); engineers see the counts and
 * what is running low.
 */
import type { Database } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Clock } from "../../../core/clock.ts";
import { forbidden, invalid } from "../../errors.ts";
import { fold, mentionedCountry, mentionedPartCode, partCategories, type PartsQuery } from "./query.ts";
import { shipDay } from "../rma/ship-date.ts";
import { available, isLow } from "../stock.ts";

export interface PartInfo {
  code: string;
  name: string;
  nameEs: string | null;
  kind: string;
  category: string;
}

/** One part at one depot. */
export interface StockLine {
  part: PartInfo;
  depot: { id: string; key: string; name: string; country: string };
  onHand: number;
  reserved: number;
  available: number;
  lowAt: number;
  low: boolean;
  /** yyyy-MM-dd (depot-local) an order placed now would ship. */
  shipDate: string;
}

export interface AvailabilityAnswer {
  query: PartsQuery;
  parts: PartInfo[];
  /** Depots in the order they would be tried for the country (all depots without one). */
  lines: StockLine[];
}

export class PartsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Reads a question in words into a query (models come from the triage's entities). */
  async understand(viewer: Viewer, text: string, modelIds: string[]): Promise<PartsQuery> {
    const [lanes, parts, sites] = await Promise.all([
      this.db.prisma.depotLane.findMany({ select: { country: true } }),
      this.db.prisma.part.findMany({ select: { code: true } }),
      viewer.organizationId ? this.db.prisma.site.findMany({ where: { organizationId: viewer.organizationId } }) : Promise.resolve([]),
    ]);
    const places = new Map<string, string>();
    for (const site of sites)
      for (const name of [site.name, site.city ?? "", ...(JSON.parse(site.aliases) as string[])])
        if (name) places.set(fold(name), site.country);
    const known = [...new Set([...lanes.map((lane) => lane.country), ...sites.map((site) => site.country)])];
    const partCode = mentionedPartCode(
      text,
      parts.map((part) => part.code),
    );
    return { categories: partCategories(text), modelIds, partCode, country: mentionedCountry(text, known, places) };
  }

  /** Availability of the parts a query names, at the depots that serve its country. */
  async availability(viewer: Viewer, query: PartsQuery): Promise<AvailabilityAnswer> {
    if (!query.partCode && query.modelIds.length === 0) throw invalid("parts.error.vague");
    const all = await this.db.prisma.part.findMany({ orderBy: { code: "asc" } });
    const parts = all.filter((part) => {
      if (query.partCode) return part.code === query.partCode;
      const models = JSON.parse(part.models) as string[];
      // No models listed: a universal part (a cable) that fits everything.
      const fits = models.length === 0 || query.modelIds.includes(part.code) || models.some((model) => query.modelIds.includes(model));
      return fits && (query.categories.length === 0 || query.categories.includes(part.category as never));
    });
    let country = query.country;
    if (!country && policy.isCustomer(viewer) && viewer.organizationId) {
      // A customer asking without a country means where their devices are.
      const site = await this.db.prisma.site.findFirst({ where: { organizationId: viewer.organizationId }, orderBy: { createdAt: "asc" } });
      country = site?.country;
    }
    const depots = country
      ? (
          await this.db.prisma.depotLane.findMany({
            where: { country },
            include: { depot: true },
            orderBy: [{ priority: "asc" }, { transitDays: "asc" }],
          })
        ).map((lane) => lane.depot)
      : await this.db.prisma.depot.findMany({ orderBy: { key: "asc" } });
    const lines = await this.lines(parts, depots);
    return { query: { ...query, country }, parts: parts.map(toInfo), lines };
  }

  /** Stock at every depot (support): all lines, or only the low ones. */
  async stock(viewer: Viewer, options: { lowOnly?: boolean; depotKey?: string } = {}): Promise<StockLine[]> {
    if (!policy.isSupport(viewer)) throw forbidden("parts.error.engineersOnly");
    const depots = await this.db.prisma.depot.findMany({
      where: options.depotKey ? { key: options.depotKey } : {},
      orderBy: { key: "asc" },
    });
    const parts = await this.db.prisma.part.findMany({ orderBy: { code: "asc" } });
    const lines = await this.lines(parts, depots, true);
    return options.lowOnly ? lines.filter((line) => line.low) : lines;
  }

  private async lines(
    parts: { code: string; name: string; nameEs: string | null; kind: string; category: string }[],
    depots: {
      id: string;
      key: string;
      name: string;
      country: string;
      timeZone: string;
      holidayCountry: string;
      holidayRegion: string | null;
      shipDays: string;
      cutoff: string;
    }[],
    stockedOnly = false,
  ): Promise<StockLine[]> {
    if (parts.length === 0 || depots.length === 0) return [];
    const items = await this.db.prisma.stockItem.findMany({
      where: { depotId: { in: depots.map((depot) => depot.id) }, partCode: { in: parts.map((part) => part.code) } },
    });
    const stock = new Map(items.map((item) => [`${item.depotId}|${item.partCode}`, item]));
    const now = this.clock.now();
    const lines: StockLine[] = [];
    for (const depot of depots) {
      const ships = shipDay(now, depot).day.toISODate()!;
      for (const part of parts) {
        const item = stock.get(`${depot.id}|${part.code}`);
        if (!item && stockedOnly) continue;
        const level = { onHand: item?.onHand ?? 0, reserved: item?.reserved ?? 0, lowAt: item?.lowAt ?? 0 };
        lines.push({
          part: toInfo(part),
          depot: { id: depot.id, key: depot.key, name: depot.name, country: depot.country },
          ...level,
          available: available(level),
          low: item ? isLow(level) : true,
          shipDate: ships,
        });
      }
    }
    return lines;
  }
}

const toInfo = (part: PartInfo): PartInfo => ({
  code: part.code,
  name: part.name,
  nameEs: part.nameEs,
  kind: part.kind,
  category: part.category,
});
