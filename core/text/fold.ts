/**
 * One folding for every comparison of words people type: case and accents go, so "Cámara",
 * "camara" and "CAMARA" meet. Triage, commands and the knowledge index all fold through here.
 */

/** How `fold` treats what is not a letter. */
export interface FoldOptions {
  /**
   * Compatibility decomposition (NFKD): ligatures, full-width and superscript forms become plain
   * letters and digits. The knowledge index keys its terms this way; chat folding keeps them.
   */
  compatibility?: boolean;
  /**
   * Leave quotes, dashes and white space as written. The knowledge tokenizer splits on them
   * itself; chat folding unifies them so one cue pattern covers every keyboard's variant.
   */
  keepPunctuation?: boolean;
}

/**
 * Lower-cases and removes accents; unless told otherwise also unifies quote and dash variants
 * and collapses white space, keeping one character per character where possible.
 */
export function fold(text: string, options: FoldOptions = {}): string {
  const plain = text
    .normalize(options.compatibility ? "NFKD" : "NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  if (options.keepPunctuation) return plain;
  return plain
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** Folds one word; plain ASCII words (most of them) skip the Unicode work. */
export function foldWord(word: string): string {
  return /^[\x21-\x7e]*$/.test(word) ? word.toLowerCase() : fold(word);
}
