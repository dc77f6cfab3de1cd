/**
 * The partner registry: which cloud partners there are, how Switchboard reaches each (connector),
 * how their engineers join, and where a customer reaches them directly. Read on every mirrored
 * message, so it is cached briefly; a manager's change drops the cache at once.
 */
import type { Database } from "../../../db/client.ts";
import type { Viewer } from "../../authz.ts";
import type { Clock } from "../../../core/clock.ts";
import { forbidden, invalid } from "../../errors.ts";
import { PLATFORMS, type Platform } from "../../../core/vocabulary.ts";
import { recordAudit } from "../../audit/log.ts";
import type { Origin } from "../../cases/service.ts";
import type { ConnectorKind, JoinMode, PartnerRecord, SharedChannel } from "../types.ts";

const TTL_MS = 30_000;

/** Where customers reach the known partners' support when we cannot open the ticket for them. */
export const DEFAULT_SUPPORT_CONTACTS: Record<string, string> = {
  microsoft:
    "Microsoft 365 admin center → Support → New service request (https://admin.microsoft.com), or your Microsoft Unified support contact",
  zoom: "Zoom Support → Submit a request (https://support.zoom.com), with your Zoom account number",
  google: "Google Workspace Admin console → Support (https://admin.google.com)",
  webex: "Webex Help Center → Contact support (https://help.webex.com), or Cisco TAC with your contract number",
};

/** A connector change a manager makes (`partner connect …`). */
export type ConnectorSettings = { connector: "webhook"; endpointUrl: string } | { connector: "thread"; sharedChannel: SharedChannel };

export class PartnerRegistry {
  private cache: { at: number; rows: PartnerRecord[] } | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  invalidate(): void {
    this.cache = undefined;
  }

  /** Every partner, by name. */
  async list(): Promise<PartnerRecord[]> {
    const now = this.clock.now().getTime();
    if (this.cache && now - this.cache.at < TTL_MS) return this.cache.rows;
    const rows = await this.db.prisma.partner.findMany({ orderBy: { name: "asc" } });
    this.cache = { at: now, rows: rows.map(toRecord) };
    return this.cache.rows;
  }

  async get(id: string): Promise<PartnerRecord | undefined> {
    return (await this.list()).find((partner) => partner.id === id);
  }

  /** A partner named by id or name, as people type it ("Microsoft", "zoom"). */
  async find(word: string): Promise<PartnerRecord | undefined> {
    const wanted = word.trim().toLowerCase();
    return (await this.list()).find((partner) => partner.id === wanted || partner.name.toLowerCase() === wanted);
  }

  /** Points a partner at its ticket system or its shared channel (managers; audited). */
  async connect(viewer: Viewer, id: string, settings: ConnectorSettings, origin: Origin): Promise<PartnerRecord> {
    if (viewer.role !== "manager") throw forbidden("ecps.error.managersOnly");
    const before = await this.get(id);
    if (!before) throw invalid("ecps.error.unknownPartner", { partner: id, known: (await this.list()).map((p) => p.id).join(", ") });
    const now = this.clock.now();
    const data =
      settings.connector === "webhook"
        ? { connector: "webhook", endpointUrl: settings.endpointUrl }
        : { connector: "thread", sharedChannel: JSON.stringify(settings.sharedChannel) };
    await this.db.prisma.$transaction(async (tx) => {
      await tx.partner.update({ where: { id }, data });
      await recordAudit(
        tx,
        {
          actor: viewer,
          platform: origin.platform,
          action: "partner.connector.changed",
          subjectType: "partner",
          subjectId: id,
          organizationId: null,
          before: { connector: before.connector, endpointUrl: before.endpointUrl, sharedChannel: before.sharedChannel },
          after: data,
        },
        now,
      );
    });
    this.invalidate();
    return (await this.get(id))!;
  }
}

function toRecord(row: {
  id: string;
  name: string;
  connector: string;
  joinMode: string;
  endpointUrl: string | null;
  sharedChannel: string | null;
  supportContact: string | null;
}): PartnerRecord {
  return {
    id: row.id,
    name: row.name,
    connector: (row.connector === "webhook" ? "webhook" : "thread") as ConnectorKind,
    joinMode: row.joinMode as JoinMode,
    endpointUrl: row.endpointUrl,
    sharedChannel: parseSharedChannel(row.sharedChannel),
    supportContact: row.supportContact ?? DEFAULT_SUPPORT_CONTACTS[row.id] ?? `${row.name} support`,
  };
}

function parseSharedChannel(text: string | null): SharedChannel | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<SharedChannel>;
    if (!value.conversationId || !(PLATFORMS as readonly string[]).includes(value.platform ?? "")) return null;
    return { platform: value.platform as Platform, conversationId: value.conversationId, kind: value.kind === "chat" ? "chat" : "channel" };
  } catch {
    // A hand-edited row that is not JSON: treated as not configured, which the ticket flow reports.
    return null;
  }
}
