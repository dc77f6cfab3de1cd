/**
 * Thread mode: the partner's engineers join a shared Slack Connect or Teams shared channel, and
 * the "ticket" is the case's thread there. Opening it needs nothing from the partner — the bridge
 * posts the case into the shared channel when this connector says the ticket exists — and every
 * later exchange is chat: public case changes are mirrored into the thread by the case
 * notifications, and the partner engineers' replies come back as messages. So the operations
 * other than opening have nothing left to do here.
 */
import type { OutboundComment, PartnerRecord, TicketRequest } from "../../bot/partners/types.ts";
import type { CallRequest, ConnectorOutcome, OpenedTicket, PartnerConnector, StatusChange } from "./connector.ts";

export class ThreadConnector implements PartnerConnector {
  readonly kind = "thread" as const;

  async createTicket(partner: PartnerRecord, request: TicketRequest): Promise<ConnectorOutcome<OpenedTicket>> {
    if (!partner.sharedChannel)
      return {
        ok: false,
        retryable: false,
        error: `${partner.name} has no shared channel (partner connect ${partner.id} thread <platform> <conversation>)`,
      };
    // Unique per request: a ticket asked for again after a refusal is another thread.
    return { ok: true, value: { ticket: `thread:${request.reference}` } };
  }

  async addComment(_partner: PartnerRecord, _ticket: string, _comment: OutboundComment): Promise<ConnectorOutcome<{ commentId?: string }>> {
    return { ok: true, value: {} };
  }

  async changeStatus(_partner: PartnerRecord, _ticket: string, _change: StatusChange): Promise<ConnectorOutcome<void>> {
    return { ok: true, value: undefined };
  }

  async requestCall(_partner: PartnerRecord, _ticket: string, _call: CallRequest): Promise<ConnectorOutcome<void>> {
    return { ok: true, value: undefined };
  }
}
