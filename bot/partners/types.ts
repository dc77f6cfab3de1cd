/**
 * The words of the cloud-partner bridge (ECPS): partners as the registry knows them, partner
 * tickets, and the operations the bridge asks a connector to carry out. The core builds
 * operations; adapters/partners carries them to the partner (signed webhook) or into a shared
 * thread.
 */
import type { Platform } from "../../core/vocabulary.ts";

export const CONNECTOR_KINDS = ["webhook", "thread"] as const;
/** How Switchboard talks to a partner: its ticket system over signed webhooks, or a shared chat thread. */
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

export const JOIN_MODES = ["slack_connect", "teams_shared", "ticket_system"] as const;
/** How the partner's engineers join a case. */
export type JoinMode = (typeof JOIN_MODES)[number];

/** The shared channel of a thread-mode partner. */
export interface SharedChannel {
  platform: Platform;
  conversationId: string;
  /** "channel": one thread per case under an intro message; "chat": the conversation itself. */
  kind: "channel" | "chat";
}

export interface PartnerRecord {
  id: string;
  name: string;
  connector: ConnectorKind;
  joinMode: JoinMode;
  endpointUrl: string | null;
  sharedChannel: SharedChannel | null;
  /** Where a customer reaches the partner's support directly. */
  supportContact: string;
}

export const TICKET_STATUSES = ["opening", "open", "in_progress", "waiting_vendor", "resolved", "closed", "failed", "refused"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** A ticket in one of these is being worked; asking again answers with it instead of opening another. */
export const ACTIVE_TICKET: ReadonlySet<TicketStatus> = new Set(["opening", "open", "in_progress", "waiting_vendor"]);

/** The statuses a partner reports for its ticket (webhook `ticket.status`, `partner status` command). */
export const PARTNER_STATUSES = ["open", "in_progress", "waiting_vendor", "resolved", "closed", "refused"] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export interface TicketView {
  id: string;
  caseId: string;
  partnerId: string;
  status: TicketStatus;
  externalId: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  agreementRef: string | null;
  request: number;
  lastError: string | null;
}

/** Which side of the bridge a person is on, shown next to their name on the other side. */
export type Side = "customer" | "vendor" | "partner";

export interface Author {
  name: string;
  side: Side;
  /** The customer organization or partner they belong to. */
  organization?: string;
}

/** What a partner receives to open a ticket. */
export interface TicketRequest {
  /** Ours: echo it in an asynchronous `ticket.created` event. */
  reference: string;
  case: {
    ref: string;
    title: string;
    description: string;
    severity: string;
    category: string | null;
    device: string | null;
    site: string | null;
    openedAt: string;
    language: string;
  };
  customer: { organization: string; agreementReference: string | null; contact: { name: string; email: string | null } };
  findings: string | null;
  requestedBy: Author;
}

export interface OutboundComment {
  /** Our id of the comment (a case event id): a partner returns it as `origin.id` on its echoes. */
  id: string;
  author: Author;
  body: string;
  /** Links found in the body; attachments travel as links. */
  attachments: { url: string }[];
  createdAt: string;
}

/** One thing to do at the partner, built from an outbox delivery (bot/partners/operations.ts). */
export type PartnerOperation =
  | { kind: "create"; partner: PartnerRecord; request: TicketRequest }
  | { kind: "comment"; partner: PartnerRecord; ticket: string; comment: OutboundComment }
  | {
      kind: "status";
      partner: PartnerRecord;
      ticket: string;
      change: { status: "resolved" | "closed" | "reopened" | "updated"; caseStatus: string; note: string | null; by: Author; id: string };
    }
  | { kind: "call"; partner: PartnerRecord; ticket: string; call: { id: string; requestedBy: Author; when: string | null } }
  | { kind: "skip"; reason: string };
