/**
 * The facts block at the end of a case description ("Device: …", "Since: …"). It is stored once,
 * in the language of the person who reported the case, and shown in the reader's language: an
 * engineer reading a Spanish customer's case sees "Since: desde ayer", the customer "Desde cuándo:
 * desde ayer". The person's own words (the values) are never translated, only the labels and the
 * few values the bot wrote itself (the impact, "all" rooms).
 */
import { translator, type MessageKey, type Translator } from "../i18n/index.ts";
import { LANGUAGES } from "../../core/vocabulary.ts";

/** The facts a description may end with, in the order they are written. */
export interface CaseDetails {
  device?: string;
  serial?: string;
  /** A model the person named that is none of their registered devices. */
  reportedModel?: string;
  site?: string;
  since?: string;
  /** 99 or more stands for every room. */
  roomsAffected?: number;
  meetingBlocked?: boolean;
}

const LABELS = ["device", "serial", "reportedModel", "site", "since", "rooms", "impact"] as const;
const WRITTEN_VALUES = ["roomsAll", "blocked", "degraded"] as const;
const label = (name: (typeof LABELS)[number]): MessageKey => `case.detail.${name}`;
const value = (name: (typeof WRITTEN_VALUES)[number]): MessageKey => `case.detail.${name}`;

/** The facts block's lines, labelled in the language of `t`. */
export function writeDetails(details: CaseDetails, t: Translator): string[] {
  const rooms = details.roomsAffected;
  return [
    details.device ? `${t("case.detail.device")}: ${details.device}` : details.serial ? `${t("case.detail.serial")}: ${details.serial}` : undefined,
    details.reportedModel ? `${t("case.detail.reportedModel")}: ${details.reportedModel}` : undefined,
    details.site ? `${t("case.detail.site")}: ${details.site}` : undefined,
    details.since ? `${t("case.detail.since")}: ${details.since}` : undefined,
    rooms !== undefined ? `${t("case.detail.rooms")}: ${rooms >= 99 ? t("case.detail.roomsAll") : rooms}` : undefined,
    details.meetingBlocked !== undefined
      ? `${t("case.detail.impact")}: ${t(details.meetingBlocked ? "case.detail.blocked" : "case.detail.degraded")}`
      : undefined,
  ].filter((line): line is string => line !== undefined);
}

/**
 * The description with its facts block labelled in the reader's language, whatever language it
 * was stored in. Lines of the person's own text are left exactly as they wrote them.
 */
export function localizeDescription(description: string, t: Translator): string {
  const lines = description.split("\n");
  // The facts block follows the last empty line; text before it is the person's own.
  const start = lines.lastIndexOf("") + 1;
  if (start === 0) return description;
  const catalogs = LANGUAGES.map((lang) => translator(lang));
  const localized = lines.slice(start).map((line) => {
    for (const name of LABELS)
      for (const stored of catalogs) {
        const prefix = `${stored(label(name))}: `;
        if (!line.startsWith(prefix)) continue;
        const rest = line.slice(prefix.length);
        const written = WRITTEN_VALUES.find((known) => catalogs.some((any) => any(value(known)) === rest));
        return `${t(label(name))}: ${written ? t(value(written)) : rest}`;
      }
    return line;
  });
  return [...lines.slice(0, start), ...localized].join("\n");
}

/** The model the person reported (the "Reported model: …" line, in whichever language it was stored). */
export function reportedModelIn(description: string): string | undefined {
  const prefixes = LANGUAGES.map((lang) => `${translator(lang)("case.detail.reportedModel")}: `);
  for (const line of description.split("\n")) {
    const prefix = prefixes.find((p) => line.startsWith(p));
    if (prefix) return line.slice(prefix.length).trim() || undefined;
  }
  return undefined;
}
