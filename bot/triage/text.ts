/**
 * Turns a raw chat message into the forms the triage rules read: the capped original
 * (identifiers), the prose without markup (sites, tokens) and a folded copy (cue patterns).
 */
import { fold } from "../../core/text/fold.ts";

/**
 * Only this many characters are analysed. People paste 40 KB logs into chat; what they want is
 * said in the first lines, and a hard cap keeps every rule linear and the reply fast.
 */
export const MAX_ANALYSED_CHARS = 4000;

/** Code blocks larger than this are treated as pasted logs and left out of the prose. */
const MAX_PROSE_CODE_CHARS = 160;

/** A message prepared for the rules. */
export interface PreparedText {
  /** The capped message as written, code blocks included (serials and ids may sit in a log). */
  raw: string;
  /** The capped message without markup and long code blocks, original case and accents. */
  prose: string;
  /** `prose` lower-cased, accents removed, quotes and dashes unified; the cue patterns run on it. */
  folded: string;
  /** True when the message was longer than `MAX_ANALYSED_CHARS`. */
  truncated: boolean;
}

/** Prepares a message; never throws, whatever the input. */
export function prepareText(input: string): PreparedText {
  const text = typeof input === "string" ? input : String(input ?? "");
  const truncated = text.length > MAX_ANALYSED_CHARS;
  let raw = truncated ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  // Do not leave half a surrogate pair at the cut.
  if (truncated && /[\uD800-\uDBFF]$/.test(raw)) raw = raw.slice(0, -1);
  const prose = stripMarkup(raw);
  return { raw, prose, folded: fold(prose), truncated };
}

/**
 * Removes chat markup that would otherwise look like words: Slack mentions and links, HTML tags,
 * URLs, and long fenced code blocks (pasted logs). Short code spans stay, as people quote error
 * messages that way.
 */
export function stripMarkup(text: string): string {
  let out = text.replace(/```[\s\S]*?(```|$)/g, (block) => (block.length > MAX_PROSE_CODE_CHARS ? " " : block.replace(/```/g, " ")));
  out = out
    .replace(/<[@#!][^<>\s]*>/g, " ")
    .replace(/<(https?:\/\/|mailto:)[^<>|]*\|([^<>]*)>/g, " $2 ")
    .replace(/<(https?:\/\/|mailto:)[^<>]*>/g, " ")
    .replace(/<\/?[a-z][a-z0-9]*(\s[^<>]*)?>/gi, " ")
    .replace(/\bhttps?:\/\/\S+/g, " ")
    .replace(/`/g, " ");
  // A message that was only a code block still says something; keep its start.
  if (!/[\p{L}\p{N}]/u.test(out) && /```/.test(text)) out = text.replace(/```/g, " ").slice(0, 500);
  return out;
}
