/**
 * The case card shows the buttons features contribute on the contract (the partner ticket) where
 * a person always found them: after the case's own buttons and before "view".
 */
import { describe, expect, it } from "vitest";
import { renderCaseCard } from "../../../bot/cases/card.ts";
import type { CaseView } from "../../../bot/cases/view.ts";
import { NO_SLA } from "../../../bot/cases/lifecycle.ts";
import { translator } from "../../../bot/i18n/index.ts";
import { partnerFeature } from "../../../bot/partners/index.ts";

const opened = new Date("2026-03-02T09:30:00Z");

function cloudPartnerCase(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: "case-1",
    number: 10422,
    ref: "CS-10422",
    organizationId: "org-1",
    organizationName: "Acme",
    requesterId: "person-1",
    requesterName: "Ana Ruiz",
    assigneeId: null,
    assigneeName: null,
    deviceId: null,
    deviceSerial: null,
    deviceModel: null,
    siteId: null,
    siteName: null,
    partnerId: null,
    title: "Teams rooms drop calls",
    description: "Teams rooms drop calls",
    category: "cloud_partner",
    severity: "sev3",
    status: "open",
    resolutionType: null,
    resolution: null,
    fixPending: false,
    fixVersion: null,
    language: "en",
    createdAt: opened,
    updatedAt: opened,
    resolvedAt: null,
    closedAt: null,
    sla: NO_SLA,
    ...overrides,
  };
}

const buttons = (view: CaseView, audience: "customer" | "support" | "partner") =>
  (renderCaseCard(view, translator("en"), audience, { zone: "UTC", lang: "en" }).actions ?? []).map(
    (action) => `${action.id} ${action.label}`,
  );

describe("the case card's buttons from features", () => {
  it("offers the partner ticket between the case's own buttons and 'view' once the partner bridge is declared", () => {
    expect(partnerFeature.caseCardButtons).toBeDefined();
    expect(buttons(cloudPartnerCase(), "customer")).toEqual([
      "case.escalate Escalate",
      "partner.request Open a ticket with the partner",
      "case.view View case",
    ]);
    expect(buttons(cloudPartnerCase({ partnerId: "partner-1" }), "support")).toEqual([
      "case.take Take",
      "partner.request Partner ticket",
      "case.view View case",
    ]);
  });

  it("shows no partner button on a closed case", () => {
    expect(buttons(cloudPartnerCase({ status: "closed", closedAt: opened }), "customer")).toEqual([
      "case.reopen Reopen",
      "case.view View case",
    ]);
  });
});
