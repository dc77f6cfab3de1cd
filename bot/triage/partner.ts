/**
 * The cloud meeting platform a message names (Microsoft Teams, Zoom, Google Meet, Webex).
 * The hard part is words that are also ordinary words: "zoom" for a camera, Spanish "entra"
 * (enters), "teams" of people, "meet" as a verb.
 */
import type { Partner } from "./types.ts";

interface Mention {
  partner: Partner;
  index: number;
}

// Patterns run on folded text. Each is global so every mention is counted.
const ALWAYS: Array<[Partner, RegExp]> = [
  ["microsoft", /\b(microsoft|ms teams|mtr|m365|o365|office 365|aadsts\d*|azure ad|exchange online|skype for business)\b/g],
  ["microsoft", /\b(microsoft entra|entra (id|admin|portal|center))\b/g],
  ["google", /\b(google|meet hardware|chromebox)\b/g],
  ["webex", /\b(webex|control hub)\b/g],
];

/** Groups whose members are people, so "the network teams" is not Microsoft Teams. */
const PEOPLE_TEAMS =
  /\b(network|it|support|security|sales|facilities|av|engineering|ops|operations|field|different|other|several|many|both|dev|product|hr|local|regional|global|customer|two|three|all the|project|service|desk) teams\b/;

// After "zoom": words that make it the platform, and words that make it a camera movement.
const ZOOM_PLATFORM_AFTER =
  /^(rooms?|meetings?|calls?|support|app|apps|client|admin|account|status|ticket|side|phone|workplace|controller|appliance|mode|contract|premier|engineers?|web|portal|cloud|says|said|confirmed|team|case|desktop|whiteboard|chat|recording|update|outage|incident|licen[cs]es?|certified|link|id|servers?|service|tenant|devices?|reuniones|reunion|llamadas?|soporte|cuenta|salas?)\b/;
const ZOOM_CAMERA_AFTER =
  /^(in|out|into|level|lens|range|factor|speed|ratio|automatico|automatica|auto|digital|optico|optica|x|a|al|demasiado|lento|rapido|de la|del|to the|on the|on faces?)\b/;
const ZOOM_CAMERA_BEFORE =
  /\b(digital|optical|optico|auto|hace|haga|hacer|hacen|hago|haciendo|sin|el|more|less|mas|menos|smooth|camera|cam|ptz|lens|\d+x|the) $/;
const CAMERA_WORDS =
  /\b(camera|cam|camara|ptz|lens|lente|framing|encuadre|image|imagen|picture|preset|presets|tracking|focus|enfoque|pan|tilt)\b/;

/**
 * Finds the partner a message is about. `folded` is the folded text, `original` the prose as
 * written (capitalisation tells "Zoom" and "Meet" the platforms from the verbs).
 */
export function detectPartner(folded: string, original: string): Partner | null {
  const mentions: Mention[] = [];
  for (const [partner, pattern] of ALWAYS) {
    for (const match of folded.matchAll(pattern)) mentions.push({ partner, index: match.index ?? 0 });
  }
  for (const match of folded.matchAll(/\bteams\b/g)) {
    const index = match.index ?? 0;
    if (!PEOPLE_TEAMS.test(folded.slice(Math.max(0, index - 20), index + 5))) mentions.push({ partner: "microsoft", index });
  }
  // "Entra" capitalised in the middle of a sentence is Microsoft Entra; lower-case "entra" is Spanish.
  for (const match of original.matchAll(/(?<=[\p{Ll},] )Entra\b/gu))
    mentions.push({ partner: "microsoft", index: approximateIndex(match.index ?? 0, original, folded) });
  for (const match of original.matchAll(/(?<=[\p{Ll},] )Meet\b/gu))
    mentions.push({ partner: "google", index: approximateIndex(match.index ?? 0, original, folded) });
  for (const match of folded.matchAll(/\bzoom\b/g)) {
    const index = match.index ?? 0;
    if (isZoomPlatform(folded, index, original)) mentions.push({ partner: "zoom", index });
  }
  return choosePartner(folded, mentions);
}

function isZoomPlatform(folded: string, index: number, original: string): boolean {
  const after = folded.slice(index + 4, index + 40).replace(/^[\s"'’]+/, "");
  const before = folded.slice(Math.max(0, index - 30), index);
  if (ZOOM_PLATFORM_AFTER.test(after)) return true;
  if (ZOOM_CAMERA_BEFORE.test(before)) return false;
  // Capitalised in the middle of a sentence, it is the company ("hablar con Zoom sobre...").
  if (/(?<![.!?]\s|^)Zoom\b/.test(original)) return true;
  if (ZOOM_CAMERA_AFTER.test(after)) return false;
  return !CAMERA_WORDS.test(folded.slice(Math.max(0, index - 60), index + 60));
}

/**
 * When several partners are named, the one the problem or request concerns: the target of a
 * switch ("from Teams to Webex"), the platform a device should be compatible with, the one that
 * confirmed an incident; otherwise the most mentioned, then the first.
 */
function choosePartner(folded: string, mentions: Mention[]): Partner | null {
  if (mentions.length === 0) return null;
  mentions.sort((a, b) => a.index - b.index);
  const distinct = [...new Set(mentions.map((mention) => mention.partner))];
  if (distinct.length === 1) return distinct[0]!;
  for (const mention of mentions) {
    const before = folded.slice(Math.max(0, mention.index - 40), mention.index);
    if (
      /\b(from|de|desde)\b.{1,30}\b(to|a|hacia|over to)\s+(the\s+)?$/.test(before) ||
      /\b(compatible|compatibles|works?|funciona) (with|con) (the )?$/.test(before)
    ) {
      return mention.partner;
    }
  }
  for (const mention of mentions) {
    const around = folded.slice(mention.index, mention.index + 60);
    if (
      /^\S+( \S+)?( support| status| side)?\s*(says|said|confirm\w*|dice|confirmo|has an incident|published|posted|publico|reports?)\b/.test(
        around,
      )
    )
      return mention.partner;
  }
  const counts = new Map<Partner, number>();
  for (const mention of mentions) counts.set(mention.partner, (counts.get(mention.partner) ?? 0) + 1);
  let best = mentions[0]!.partner;
  for (const partner of distinct) if ((counts.get(partner) ?? 0) > (counts.get(best) ?? 0)) best = partner;
  return best;
}

/** Maps an offset in the original to the folded text proportionally; only ordering matters. */
function approximateIndex(index: number, original: string, folded: string): number {
  return original.length === 0 ? 0 : Math.round((index / original.length) * folded.length);
}
