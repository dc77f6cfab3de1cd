/**
 * The triage reads folded text ("desde esta manana"): accents and case are gone so that one
 * pattern matches every spelling. What is stored and shown must be the person's own words
 * ("desde esta mañana"), so a fragment the triage picked out is looked up again in what they wrote.
 */
import { fold } from "../../core/text/fold.ts";

/**
 * The part of `text` that folds to `fragment`, as the person wrote it; `fragment` itself when it
 * is not found (it was not cut from this text).
 */
export function asWritten(text: string, fragment: string): string {
  const target = fold(fragment);
  if (!target) return fragment;
  // Fold the text one character at a time, remembering where each folded character came from,
  // with runs of white space collapsed as `fold` collapses them.
  let folded = "";
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const piece = /\s/.test(text[i]!) ? " " : fold(text[i]!, { keepPunctuation: false }) || (text[i]!.trim() ? "" : " ");
    if (piece === " " && folded.endsWith(" ")) continue;
    for (const char of piece) {
      folded += char;
      origin.push(i);
    }
  }
  const at = folded.indexOf(target);
  if (at < 0) return fragment;
  return text.slice(origin[at], origin[at + target.length - 1]! + 1);
}
