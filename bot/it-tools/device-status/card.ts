/**
 * The admins' device-status card: first the single event that opened a site's burst, then the
 * same card (same `replaceKey`) with the burst's totals, the site's devices by state now, and the
 * case a critical event opened. Written in the organization's language.
 */
import type { Card } from "../../events.ts";
import type { Language } from "../../../core/vocabulary.ts";
import { translate, type MessageKey, type MessageParams } from "../../i18n/index.ts";
import { formatCount } from "../../portal/format.ts";
import type { DeviceEvent } from "./event.ts";
import type { KnownDevice } from "./service.ts";

/** The logical key of a digest's card: every version of it updates the same message. */
export const digestCardKey = (digestId: string) => `device-status:${digestId}`;

const languageOf = (locale: string): Language => (locale === "es" ? "es" : "en");
const clock = (date: Date) => `${date.toISOString().slice(11, 19)} UTC`;

/** The card posted for the first event of a burst. */
export function firstEventCard(
  device: KnownDevice,
  event: DeviceEvent,
  severity: string,
  windowMs: number,
): { lang: Language; card: Card } {
  const lang = languageOf(device.locale);
  const t = (key: MessageKey, params: MessageParams = {}) => translate(lang, key, params);
  const site = device.siteName ?? t("ds.noSite");
  const state = t(`ds.type.${event.type}` as MessageKey);
  return {
    lang,
    card: {
      title: t("ds.first.title", { site, model: device.modelName, serial: device.serial, state }),
      facts: [
        { label: t("ds.fact.device"), value: `${device.modelName} · ${device.serial}` },
        {
          label: t("ds.fact.event"),
          value: `${state}${event.detail ? ` — ${event.detail}` : ""}${event.peripheral ? ` (${event.peripheral})` : ""}`,
        },
        { label: t("ds.fact.severity"), value: t(`ds.severity.${severity}` as MessageKey) },
        { label: t("ds.fact.at"), value: clock(new Date(event.occurredAt)) },
      ],
      context: [t("ds.first.grouping", { seconds: Math.round(windowMs / 1000) })],
      actions: statusActions(t, device.siteId),
    },
  };
}

export interface DigestTotals {
  siteId: string | null;
  siteName: string | null;
  locale: string;
  events: number;
  startedAt: Date;
  lastEventAt: Date;
  byType: { type: string; events: number; devices: number }[];
  /** The site's devices by their state now. */
  states: { state: string; devices: number }[];
  siteDevices: number;
  examples: string[];
  caseRef: string | null;
}

/** The burst's card with its totals, replacing the first version. */
export function digestCard(totals: DigestTotals): { lang: Language; card: Card } {
  const lang = languageOf(totals.locale);
  const t = (key: MessageKey, params: MessageParams = {}) => translate(lang, key, params);
  const n = (value: number) => formatCount(lang, value);
  const site = totals.siteName ?? t("ds.noSite");
  const now = totals.states
    .filter((s) => s.state !== "online")
    .map((s) => `${t(`ds.type.${s.state}` as MessageKey)} ${n(s.devices)}`)
    .join(" · ");
  return {
    lang,
    card: {
      title: t("ds.digest.title", { site, events: n(totals.events) }),
      facts: [
        ...totals.byType.map((row) => ({
          label: t(`ds.type.${row.type}` as MessageKey),
          value: t("ds.digest.count", { events: n(row.events), devices: n(row.devices) }),
        })),
        {
          label: t("ds.fact.now"),
          value: now
            ? t("ds.digest.now", { states: now, total: n(totals.siteDevices) })
            : t("ds.digest.allOnline", { total: n(totals.siteDevices) }),
        },
        ...(totals.caseRef ? [{ label: t("ds.fact.case"), value: totals.caseRef }] : []),
      ],
      body: totals.examples.length > 0 ? t("ds.digest.examples", { serials: totals.examples.join(", ") }) : undefined,
      context: [t("ds.digest.window", { from: clock(totals.startedAt), to: clock(totals.lastEventAt) })],
      actions: [
        ...(totals.caseRef ? [{ id: "case.view", label: totals.caseRef, value: { case: totals.caseRef } }] : []),
        ...statusActions(t, totals.siteId),
      ],
    },
  };
}

function statusActions(t: (key: MessageKey) => string, siteId: string | null) {
  const value: Record<string, string> = siteId ? { site: siteId } : {};
  return [
    { id: "it.status", label: t("ds.action.status"), value },
    { id: "it.netcheck", label: t("ds.action.netcheck"), value },
  ];
}
