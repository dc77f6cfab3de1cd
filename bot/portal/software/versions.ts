/** Firmware version numbers: dotted numbers ("4.10.2"), compared part by part as numbers. */

/** What a version looks like: up to four dotted numbers. */
export const VERSION_PATTERN = /^\d{1,5}(\.\d{1,5}){0,3}$/;

/** Negative when a < b, 0 when equal, positive when a > b ("4.10" > "4.9"; "4.2" == "4.2.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The highest version of a list (by number, not by date), or undefined. */
export function latestOf<T extends { version: string }>(items: readonly T[]): T | undefined {
  return items.reduce<T | undefined>((best, item) => (!best || compareVersions(item.version, best.version) > 0 ? item : best), undefined);
}
