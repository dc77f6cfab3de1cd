/**
 * Impact signals behind the severity: how many rooms, whether a critical event is at stake,
 * whether the device is unusable, degraded or only cosmetically off, and since when.
 * Folded text, English and Spanish.
 */
import { readNumberWords } from "../../core/text/number-words.ts";
import { fold } from "../../core/text/fold.ts";
import { BLOCKED, DEGRADED_PART, INTERMITTENT, MAIN_JOB_LOST, UNUSABLE, WORKS_PARTLY } from "./impact-lexicon.ts";
import { COSMETIC_SUBJECT, DISPLAY_ONLY, MINOR, SECONDARY, WORKS_ANYWAY } from "./impact-lexicon-minor.ts";
import {
  COUNTED,
  CRITICAL_EVENT,
  FAR_OFF,
  FLOATING_ALL,
  MANY_SCOPE,
  OTHER_DEVICES_FINE,
  SINCE,
  SOME_SCOPE,
  SOON,
} from "./impact-scope-lexicon.ts";

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the message says about the impact of a problem. */
export interface Impact {
  /** Rooms or devices affected when said; `MANY` for "all", "every room", "the whole office". */
  rooms?: number;
  /** An executive or customer-facing event now or within a day. */
  critical: boolean;
  /** The device cannot do its main job, said strongly (no power, no audio at all, boot loop). */
  unusable: boolean;
  /** Blocked in weaker words (offline, cannot connect). */
  blocked: boolean;
  /** It still mostly works, or a workaround exists. */
  worksPartly: boolean;
  /** Intermittent or slow. */
  intermittent: boolean;
  /** Minor, cosmetic, or a question with no impact. */
  minor: boolean;
  /** The device's main job is lost: no video, no audio at all (sev2 even if the other half works). */
  mainJobLost: boolean;
  /** What is lost is a secondary feature (casting, presets, management...), not meetings. */
  secondary: boolean;
  /** When it started, as written. */
  since?: string;
}

/** Stand-in count for "all rooms" / "every device". */
export const MANY = 99;

/** Reads the impact signals. */
export function readImpact(text: string, isProductWord: (word: string) => boolean = () => false, site: string | null = null): Impact {
  // "laptops are fine" says where the problem is not; it is no workaround for the room.
  const folded = text.replace(OTHER_DEVICES_FINE, " ");
  const impact: Impact = {
    critical: criticalSoon(folded),
    unusable: UNUSABLE.test(folded),
    blocked: BLOCKED.test(folded),
    worksPartly: WORKS_PARTLY.test(folded),
    intermittent: INTERMITTENT.test(folded) || DEGRADED_PART.test(folded),
    minor: MINOR.test(folded) || (COSMETIC_SUBJECT.test(folded) && WORKS_ANYWAY.test(folded)) || DISPLAY_ONLY.test(folded),
    mainJobLost: MAIN_JOB_LOST.test(folded),
    secondary: SECONDARY.test(folded),
  };
  // "all of Madrid", "todo el edificio de Monterrey": the whole named site.
  const wholeSite =
    site !== null &&
    new RegExp(
      `\\b(todo|toda|todas|todos|whole|entire|all of|across|everywhere in)( (el|la|las|los|the|our))? ${escapeRegExp(fold(site))}`,
    ).test(folded);
  const rooms = wholeSite || FLOATING_ALL.test(folded) ? MANY : countRooms(folded, isProductWord);
  if (rooms !== undefined) impact.rooms = rooms;
  const since = SINCE.exec(folded);
  if (
    since &&
    /\d|day|week|month|hour|minute|morning|night|yesterday|update|monday|tuesday|wednesday|thursday|friday|weekend|ayer|semana|dia|hora|manana|noche|actualiz|lunes|martes|miercoles|jueves|viernes|firmware|version|move|moved|change|cambi/.test(
      since[2]!,
    )
  )
    impact.since = `${since[1]} ${since[2]!.trim()}`;
  return impact;
}

/** A critical event that is now or soon, unless the event itself is said to be days away. */
function criticalSoon(folded: string): boolean {
  const event = CRITICAL_EVENT.exec(folded);
  if (!event || !SOON.test(folded)) return false;
  return !FAR_OFF.test(folded.slice(event.index, event.index + event[0].length + 50));
}

function countRooms(original: string, isProductWord: (word: string) => boolean): number | undefined {
  if (MANY_SCOPE.test(original)) return MANY;
  const folded = spellNumbers(original);
  let best: number | undefined;
  for (const match of folded.matchAll(COUNTED)) {
    const value = Number(match[1]);
    // Numbers that are versions, times or ids are not counts.
    const before = folded.slice(Math.max(0, (match.index ?? 0) - 3), match.index ?? 0);
    if (/[.:\-#]$/.test(before) || value === 0 || value > 5000) continue;
    // "bar 50 room", "barra 70 de la sala": the number is part of a product name.
    const previousWord = /([a-z]+)\s*$/.exec(folded.slice(Math.max(0, (match.index ?? 0) - 20), match.index ?? 0))?.[1];
    if (previousWord && isProductWord(previousWord)) continue;
    best = Math.max(best ?? 0, value);
  }
  if (best !== undefined) return best;
  if (SOME_SCOPE.test(folded)) return 3;
  return undefined;
}

/** Replaces spelled-out numbers by digits ("twenty rooms" -> "20 rooms"). */
function spellNumbers(folded: string): string {
  const words = [...folded.matchAll(/[a-z]+/g)];
  const texts = words.map((match) => match[0]);
  let result = "";
  let copied = 0;
  for (let w = 0; w < words.length; w++) {
    const number = readNumberWords(texts, w);
    if (!number) continue;
    const first = words[w]!;
    const last = words[w + number.length - 1]!;
    result += folded.slice(copied, first.index) + String(number.value);
    copied = (last.index ?? 0) + last[0].length;
    w += number.length - 1;
  }
  return result + folded.slice(copied);
}
