/**
 * The customer's own support agreement with a cloud partner. The plan requires one before the
 * vendor opens a ticket with the partner on the customer's behalf, so the bot asks for it and
 * records it on the organization (one per organization and partner; recording again replaces it).
 */
import type { Database } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Clock } from "../../../core/clock.ts";
import { forbidden, invalid } from "../../errors.ts";
import { recordAudit } from "../../audit/log.ts";
import type { Origin } from "../../cases/service.ts";

export interface AgreementView {
  organizationId: string;
  partnerId: string;
  reference: string;
  validUntil: Date | null;
  recordedAt: Date;
}

/** Whether an organization may have a ticket opened with a partner now. */
export type AgreementCheck =
  { state: "valid"; agreement: AgreementView } | { state: "expired"; agreement: AgreementView } | { state: "missing" };

const REFERENCE = /^[\p{L}\p{N}][\p{L}\p{N} ._/#-]{1,79}$/u;

export class AgreementService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The organization's agreements with every partner. */
  async list(organizationId: string): Promise<AgreementView[]> {
    const rows = await this.db.prisma.partnerAgreement.findMany({ where: { organizationId }, orderBy: { partnerId: "asc" } });
    return rows.map(toView);
  }

  async check(organizationId: string, partnerId: string): Promise<AgreementCheck> {
    const row = await this.db.prisma.partnerAgreement.findUnique({ where: { organizationId_partnerId: { organizationId, partnerId } } });
    if (!row) return { state: "missing" };
    const agreement = toView(row);
    // Valid through the whole of its last day.
    const expired = agreement.validUntil !== null && agreement.validUntil.getTime() + 86_400_000 <= this.clock.now().getTime();
    return expired ? { state: "expired", agreement } : { state: "valid", agreement };
  }

  /**
   * Records the organization's agreement with a partner: a person of that organization, or support
   * on its behalf. Audited, since it is what the partner will be told.
   */
  async record(
    viewer: Viewer,
    organizationId: string,
    partnerId: string,
    input: { reference: string; validUntil: Date | null },
    origin: Origin,
  ): Promise<AgreementView> {
    const mayRecord = policy.isSupport(viewer) || (policy.isCustomer(viewer) && viewer.organizationId === organizationId);
    if (!mayRecord) throw forbidden("ecps.error.agreementWho");
    const reference = input.reference.trim();
    if (!REFERENCE.test(reference)) throw invalid("ecps.error.agreementFormat", { reference: reference.slice(0, 40) });
    const now = this.clock.now();
    const row = await this.db.prisma.$transaction(async (tx) => {
      const before = await tx.partnerAgreement.findUnique({ where: { organizationId_partnerId: { organizationId, partnerId } } });
      const saved = await tx.partnerAgreement.upsert({
        where: { organizationId_partnerId: { organizationId, partnerId } },
        create: {
          id: newId(now.getTime()),
          organizationId,
          partnerId,
          reference,
          validUntil: input.validUntil,
          recordedById: viewer.personId,
          createdAt: now,
          updatedAt: now,
        },
        update: { reference, validUntil: input.validUntil, recordedById: viewer.personId, updatedAt: now },
      });
      await recordAudit(
        tx,
        {
          actor: viewer,
          platform: origin.platform,
          action: "partner.agreement.recorded",
          subjectType: "partner_agreement",
          subjectId: `${organizationId}:${partnerId}`,
          organizationId,
          before: before ? { reference: before.reference, validUntil: before.validUntil } : undefined,
          after: { reference, validUntil: input.validUntil },
        },
        now,
      );
      return saved;
    });
    return toView(row);
  }
}

/** "2027-12-31" → that day (UTC); undefined when the text is not such a date. */
export function parseValidUntil(text: string | undefined): Date | null | undefined {
  const trimmed = (text ?? "").trim();
  if (!trimmed) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (!match) return undefined;
  const date = new Date(`${trimmed}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== trimmed ? undefined : date;
}

function toView(row: {
  organizationId: string;
  partnerId: string;
  reference: string;
  validUntil: Date | null;
  updatedAt: Date;
}): AgreementView {
  return {
    organizationId: row.organizationId,
    partnerId: row.partnerId,
    reference: row.reference,
    validUntil: row.validUntil,
    recordedAt: row.updatedAt,
  };
}
