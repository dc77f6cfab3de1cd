/**
 * Advance replacement hot paths: the ship-date computation (every order, and every line of a
 * parts answer) and ordering under contention on embedded SQLite — concurrent orders racing for
 * a shelf that holds fewer units than are asked for, which must never oversell.
 */
import { DomainError } from "../bot/errors.ts";
import { planShipment, type DepotCalendarSpec, type DestinationSpec } from "../bot/replacements/rma/ship-date.ts";
import { createBenchApp } from "./support.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";
import { replacementFeature } from "../bot/replacements/index.ts";

export const title = "replacements: ship dates, ordering the last units under contention";

const DEPOTS: DepotCalendarSpec[] = [
  { timeZone: "Europe/Madrid", holidayCountry: "ES", holidayRegion: "MD", cutoff: "16:00" },
  { timeZone: "America/Chicago", holidayCountry: "US", holidayRegion: "IL", cutoff: "17:00" },
  { timeZone: "Europe/Berlin", holidayCountry: "DE", holidayRegion: "HE", cutoff: "15:00" },
];
const SITES: DestinationSpec[] = [
  { timeZone: "Europe/Madrid", country: "ES", region: "MD" },
  { timeZone: "Europe/Lisbon", country: "PT" },
  { timeZone: "America/Chicago", country: "US", region: "IL" },
];

function shipDates(quick: boolean): BenchRow[] {
  const count = quick ? 20_000 : 200_000;
  const start = Date.parse("2026-01-01T00:00:00Z");
  // Warm the holiday caches, as a running process has them.
  for (let i = 0; i < 1_000; i++) planShipment(new Date(start + i * 3_600_000), DEPOTS[i % 3]!, SITES[i % 3]!, 1 + (i % 2));
  const samples: number[] = [];
  const began = performance.now();
  for (let i = 0; i < count; i++) {
    const at = new Date(start + ((i * 7_919_000) % (365 * 86_400_000)));
    const t0 = performance.now();
    planShipment(at, DEPOTS[i % 3]!, SITES[(i >> 2) % 3]!, 1 + (i % 2));
    if (i % 10 === 0) samples.push((performance.now() - t0) * 1000);
  }
  const seconds = (performance.now() - began) / 1000;
  return [
    {
      area: "replacements",
      metric: "ship date + delivery computed",
      value: Math.round(count / seconds),
      unit: "/s",
      target: "≥ 20,000",
      ok: count / seconds >= 20_000,
    },
    { area: "replacements", metric: "ship date p99", value: percentile(samples, 99), unit: "µs" },
  ];
}

async function contention(quick: boolean): Promise<BenchRow[]> {
  const { app, dispose } = await createBenchApp();
  try {
    const shelf = quick ? 50 : 300;
    const attempts = shelf * 2;
    const concurrency = 8;
    // Only the Madrid depot serves Spain for this run, with `shelf` Bar 50 units.
    await app.db.prisma.depotLane.deleteMany({ where: { country: "ES", depot: { key: { not: "mad" } } } });
    await app.db.prisma.stockItem.updateMany({
      where: { partCode: "nw-bar-50", depot: { key: "mad" } },
      data: { onHand: shelf, reserved: 0 },
    });
    const engineer = (await app.services.people.resolve({ platform: "shell", externalId: "engineer" }))!;
    const latencies: number[] = [];
    let won = 0;
    let told = 0;
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < attempts; i = next++) {
          const t0 = performance.now();
          try {
            await app.services.features
              .require(replacementFeature)
              .replacements.order(engineer, { serial: "NB5-2231987", reason: "bench" }, { platform: "shell", originKey: `bench:${i}` });
            won += 1;
          } catch (error) {
            if (!(error instanceof DomainError) || error.messageKey !== "rma.error.noStock") throw error;
            told += 1;
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    const stock = await app.db.prisma.stockItem.findFirstOrThrow({ where: { partCode: "nw-bar-50", depot: { key: "mad" } } });
    const rmas = await app.db.prisma.rma.count({ where: { partCode: "nw-bar-50" } });
    const oversold = Math.max(0, stock.reserved - stock.onHand) + Math.abs(rmas - stock.reserved);
    return [
      {
        area: "replacements",
        metric: `orders (${concurrency} concurrent, ${attempts} for ${shelf} units)`,
        value: Math.round(attempts / seconds),
        unit: "/s",
      },
      { area: "replacements", metric: "order p50", value: percentile(latencies, 50), unit: "ms" },
      { area: "replacements", metric: "order p99", value: percentile(latencies, 99), unit: "ms" },
      { area: "replacements", metric: "orders that got a unit", value: won, target: `= ${shelf}`, ok: won === shelf },
      {
        area: "replacements",
        metric: "orders told none is left",
        value: told,
        target: `= ${attempts - shelf}`,
        ok: told === attempts - shelf,
      },
      { area: "replacements", metric: "units oversold or RMAs without a unit", value: oversold, target: "= 0", ok: oversold === 0 },
    ];
  } finally {
    await dispose().catch(() => undefined);
  }
}

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  return [...shipDates(options.quick), ...(await contention(options.quick))];
}
