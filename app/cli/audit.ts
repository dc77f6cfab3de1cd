/**
 * `npm run audit -- export --format csv|json [--since <date|24h|7d>] [--until <date>] [--org <key> [--full]] [--out <file>]`
 * `npm run audit -- verify [--json]`
 * Exports the audit log (to stdout, or a file) or verifies its hash chain. Exit code 0 when the
 * chain is intact, 3 when it was tampered with, 2 for a usage or configuration problem.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { verifyAuditChain } from "../../bot/audit/chain.ts";
import { exportAudit } from "../../bot/audit/export.ts";
import { runCli, withDatabase } from "./run.ts";

const USAGE = `usage:
  npm run audit -- export --format csv|json [--since 2026-01-01|24h|7d] [--until 2026-02-01] [--org <organization key> [--full]] [--out <file>]
  npm run audit -- verify [--json]`;

class UsageError extends Error {}

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (!value || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
  return value;
}

/** "2026-01-31", an ISO time, or a span back from now ("24h", "7d", "30m"). */
function parseSince(text: string, now: Date): Date {
  const span = /^(\d+)\s*(m|h|d)$/i.exec(text.trim());
  if (span)
    return new Date(
      now.getTime() - Number(span[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2]!.toLowerCase() as "m" | "h" | "d"],
    );
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) throw new UsageError(`not a date or a span like 24h: ${text}`);
  return date;
}

async function main(argv: string[]): Promise<number> {
  const [command] = argv.filter((arg) => !arg.startsWith("--"));
  if (argv.includes("--help") || (command !== "export" && command !== "verify")) {
    console.error(USAGE);
    return argv.includes("--help") ? 0 : 2;
  }
  return withDatabase(async (db) => {
    if (command === "verify") {
      const report = await verifyAuditChain(db);
      if (argv.includes("--json")) console.log(JSON.stringify(report));
      else
        console.log(
          report.ok
            ? `audit chain intact: ${report.checked} entries, head #${report.head?.chainIndex ?? 0} ${report.head?.hash ?? ""}${report.unchained ? ` (${report.unchained} older entries predate the chain)` : ""}`
            : `AUDIT CHAIN BROKEN: ${report.problem!.message}`,
        );
      return report.ok ? 0 : 3;
    }
    const format = option(argv, "format") ?? "csv";
    if (format !== "csv" && format !== "json") throw new UsageError("--format must be csv or json");
    const now = new Date();
    const since = option(argv, "since");
    const until = option(argv, "until");
    const orgKey = option(argv, "org");
    const organization = orgKey ? await db.prisma.organization.findUnique({ where: { key: orgKey }, select: { id: true } }) : undefined;
    if (orgKey && !organization) throw new UsageError(`no organization with the key ${orgKey}`);
    const outFile = option(argv, "out");
    const out = outFile ? createWriteStream(outFile) : process.stdout;
    const count = await exportAudit(
      db,
      {
        format,
        since: since ? parseSince(since, now) : undefined,
        until: until ? parseSince(until, now) : undefined,
        organizationId: organization?.id,
        // An organization's export is what its admins may read, unless the vendor asks for all of it.
        customerView: organization !== undefined && !argv.includes("--full"),
      },
      // Respect back-pressure, so a large export to a slow pipe does not pile up in memory.
      async (chunk) => {
        if (!out.write(chunk)) await once(out, "drain");
      },
    );
    if (outFile) {
      out.end();
      await once(out, "finish");
    }
    console.error(`exported ${count} audit entries${outFile ? ` to ${outFile}` : ""}`);
    return 0;
  });
}

runCli(main, (error) => error instanceof UsageError, USAGE);
