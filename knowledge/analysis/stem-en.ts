/**
 * English stemmer: the Snowball "Porter2" algorithm (snowballstem.org/algorithms/english),
 * written out here so the default search needs no dependency. Index and query go through the
 * same function, so any deviation from the reference only has to be consistent, not perfect.
 */

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);
const DOUBLES = new Set(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
const LI_ENDINGS = new Set(["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"]);

const EXCEPTIONS: Record<string, string> = {
  skis: "ski",
  skies: "sky",
  dying: "die",
  lying: "lie",
  tying: "tie",
  idly: "idl",
  gently: "gentl",
  ugly: "ugli",
  early: "earli",
  only: "onli",
  singly: "singl",
  sky: "sky",
  news: "news",
  howe: "howe",
  atlas: "atlas",
  cosmos: "cosmos",
  bias: "bias",
  andes: "andes",
};
const AFTER_1A = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);

const STEP2: Array<[string, string]> = [
  ["ization", "ize"],
  ["ational", "ate"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["iveness", "ive"],
  ["tional", "tion"],
  ["biliti", "ble"],
  ["lessli", "less"],
  ["entli", "ent"],
  ["ation", "ate"],
  ["alism", "al"],
  ["aliti", "al"],
  ["ousli", "ous"],
  ["iviti", "ive"],
  ["fulli", "ful"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["abli", "able"],
  ["izer", "ize"],
  ["ator", "ate"],
  ["alli", "al"],
  ["bli", "ble"],
  ["ogi", "og"],
  ["li", ""],
];
const STEP3: Array<[string, string]> = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["alize", "al"],
  ["icate", "ic"],
  ["iciti", "ic"],
  ["ative", ""],
  ["ical", "ic"],
  ["ness", ""],
  ["ful", ""],
];
const STEP4 = [
  "ement",
  "ance",
  "ence",
  "able",
  "ible",
  "ment",
  "ant",
  "ent",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
  "ion",
  "al",
  "er",
  "ic",
];

const isVowel = (w: string, i: number): boolean => VOWELS.has(w[i]!);

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) if (!isVowel(w, i) && isVowel(w, i - 1)) return i + 1;
  return w.length;
}

function endsShortSyllable(w: string): boolean {
  const n = w.length;
  if (n === 2) return isVowel(w, 0) && !isVowel(w, 1);
  if (n < 3) return false;
  const last = w[n - 1]!;
  return !isVowel(w, n - 3) && isVowel(w, n - 2) && !isVowel(w, n - 1) && last !== "w" && last !== "x" && last !== "Y";
}

const hasVowel = (s: string): boolean => [...s].some((c) => VOWELS.has(c));

/** Stems one lower-case English word. */
export function stemEnglish(input: string): string {
  if (input.length <= 2) return input;
  const exception = EXCEPTIONS[input];
  if (exception) return exception;
  let w = input.startsWith("'") ? input.slice(1) : input;
  // Mark consonant y's as Y so that vowel tests treat them as consonants.
  let marked = "";
  for (let i = 0; i < w.length; i++) marked += w[i] === "y" && (i === 0 || VOWELS.has(w[i - 1]!)) ? "Y" : w[i];
  w = marked;

  let r1 = /^(gener|commun|arsen)/.exec(w)?.[0].length ?? regionAfter(w, 0);
  const r2 = regionAfter(w, r1);
  r1 = Math.min(r1, w.length);

  // Step 0: possessives.
  for (const s of ["'s'", "'s", "'"])
    if (w.endsWith(s)) {
      w = w.slice(0, -s.length);
      break;
    }

  // Step 1a: plurals.
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ied") || w.endsWith("ies")) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith("us") || w.endsWith("ss")) {
    /* unchanged */
  } else if (w.endsWith("s") && hasVowel(w.slice(0, -2))) w = w.slice(0, -1);
  if (AFTER_1A.has(w)) return w;

  // Step 1b: past tenses and gerunds.
  const eed = /(eedly|eed)$/.exec(w);
  if (eed) {
    if (w.length - eed[0].length >= r1) w = w.slice(0, -eed[0].length) + "ee";
  } else {
    const ed = /(ingly|edly|ing|ed)$/.exec(w);
    if (ed && hasVowel(w.slice(0, -ed[0].length))) {
      w = w.slice(0, -ed[0].length);
      if (/(at|bl|iz)$/.test(w)) w += "e";
      else if (DOUBLES.has(w.slice(-2))) w = w.slice(0, -1);
      else if (r1 >= w.length && endsShortSyllable(w)) w += "e";
    }
  }

  // Step 1c: y → i after a consonant that is not the first letter.
  if (w.length > 2 && /[yY]$/.test(w) && !isVowel(w, w.length - 2)) w = w.slice(0, -1) + "i";

  // Step 2 and 3: derivational suffixes in R1.
  for (const [suffix, replacement] of STEP2) {
    if (!w.endsWith(suffix)) continue;
    if (w.length - suffix.length >= r1) {
      if (suffix === "ogi") {
        if (w[w.length - 4] === "l") w = w.slice(0, -3) + "og";
      } else if (suffix === "li") {
        if (LI_ENDINGS.has(w[w.length - 3] ?? "")) w = w.slice(0, -2);
      } else w = w.slice(0, -suffix.length) + replacement;
    }
    break;
  }
  for (const [suffix, replacement] of STEP3) {
    if (!w.endsWith(suffix)) continue;
    if (w.length - suffix.length >= r1 && (suffix !== "ative" || w.length - suffix.length >= r2))
      w = w.slice(0, -suffix.length) + replacement;
    break;
  }

  // Step 4: suffixes removed in R2.
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const at = w.length - suffix.length;
    if (at >= r2 && (suffix !== "ion" || /[st]$/.test(w.slice(0, at)))) w = w.slice(0, at);
    break;
  }

  // Step 5: final e and ll.
  if (w.endsWith("e")) {
    const at = w.length - 1;
    if (at >= r2 || (at >= r1 && !endsShortSyllable(w.slice(0, at)))) w = w.slice(0, at);
  } else if (w.endsWith("ll") && w.length - 1 >= r2) w = w.slice(0, -1);

  return w.replaceAll("Y", "y");
}
