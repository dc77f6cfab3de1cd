/**
 * Spanish stemmer after the Snowball algorithm (snowballstem.org/algorithms/spanish), run on
 * accent-folded words: questions typed in chat drop accents as often as they keep them, so the
 * folding happens first and the suffix lists below are written without accents.
 */

const VOWEL = /[aeiou]/;
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWEL.test(c);

function regionAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  return w.length;
}

/** RV as Snowball defines it for Spanish and Portuguese. */
function regionRv(w: string): number {
  if (w.length < 2) return w.length;
  if (!isVowel(w[1])) {
    for (let i = 2; i < w.length; i++) if (isVowel(w[i])) return i + 1;
    return w.length;
  }
  if (isVowel(w[0])) {
    for (let i = 2; i < w.length; i++) if (!isVowel(w[i])) return i + 1;
    return w.length;
  }
  return 3;
}

const byLength = (list: string[]): string[] => [...list].sort((a, b) => b.length - a.length);

const PRONOUNS = byLength(["selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo"]);
const STEP1: Array<[string[], (w: string, stem: string, r1: number, r2: number) => string | undefined]> = [
  [
    [
      "amientos",
      "imientos",
      "amiento",
      "imiento",
      "anzas",
      "ismos",
      "ables",
      "ibles",
      "istas",
      "anza",
      "icos",
      "icas",
      "ismo",
      "able",
      "ible",
      "ista",
      "osos",
      "osas",
      "ico",
      "ica",
      "oso",
      "osa",
    ],
    (_w, stem, _r1, r2) => (stem.length >= r2 ? stem : undefined),
  ],
  [
    ["aciones", "adoras", "adores", "ancias", "adora", "acion", "antes", "ancia", "ador", "ante"],
    (_w, stem, _r1, r2) => (stem.length >= r2 ? (stem.endsWith("ic") && stem.length - 2 >= r2 ? stem.slice(0, -2) : stem) : undefined),
  ],
  [["logias", "logia"], (_w, stem, _r1, r2) => (stem.length >= r2 ? `${stem}log` : undefined)],
  [["uciones", "ucion"], (_w, stem, _r1, r2) => (stem.length >= r2 ? `${stem}u` : undefined)],
  [["encias", "encia"], (_w, stem, _r1, r2) => (stem.length >= r2 ? `${stem}ente` : undefined)],
  [
    ["amente"],
    (_w, stem, r1, r2) => {
      if (stem.length < r1) return undefined;
      for (const pre of ["iv", "os", "ic", "ad"]) if (stem.endsWith(pre) && stem.length - 2 >= r2) return stem.slice(0, -2);
      return stem;
    },
  ],
  [
    ["mente"],
    (_w, stem, _r1, r2) => {
      if (stem.length < r2) return undefined;
      for (const pre of ["ante", "able", "ible"])
        if (stem.endsWith(pre) && stem.length - pre.length >= r2) return stem.slice(0, -pre.length);
      return stem;
    },
  ],
  [
    ["idades", "idad"],
    (_w, stem, _r1, r2) => {
      if (stem.length < r2) return undefined;
      for (const pre of ["abil", "ic", "iv"]) if (stem.endsWith(pre) && stem.length - pre.length >= r2) return stem.slice(0, -pre.length);
      return stem;
    },
  ],
  [
    ["ivas", "ivos", "iva", "ivo"],
    (_w, stem, _r1, r2) => {
      if (stem.length < r2) return undefined;
      return stem.endsWith("at") && stem.length - 2 >= r2 ? stem.slice(0, -2) : stem;
    },
  ],
];
const STEP2A = byLength(["yeron", "yendo", "yamos", "yais", "yan", "yen", "yas", "yes", "ya", "ye", "yo"]);
const STEP2B_GU = ["emos", "eis", "en", "es"];
const STEP2B = byLength([
  "arian",
  "arias",
  "aran",
  "aras",
  "ariais",
  "aria",
  "areis",
  "ariamos",
  "aremos",
  "ara",
  "are",
  "erian",
  "erias",
  "eran",
  "eras",
  "eriais",
  "eria",
  "ereis",
  "eriamos",
  "eremos",
  "era",
  "ere",
  "irian",
  "irias",
  "iran",
  "iras",
  "iriais",
  "iria",
  "ireis",
  "iriamos",
  "iremos",
  "ira",
  "ire",
  "aba",
  "ada",
  "ida",
  "ia",
  "iera",
  "ad",
  "ed",
  "id",
  "ase",
  "iese",
  "aste",
  "iste",
  "an",
  "aban",
  "ian",
  "aran",
  "ieran",
  "asen",
  "iesen",
  "aron",
  "ieron",
  "ado",
  "ido",
  "ando",
  "iendo",
  "io",
  "ar",
  "er",
  "ir",
  "as",
  "abas",
  "adas",
  "idas",
  "ias",
  "aras",
  "ieras",
  "ases",
  "ieses",
  "is",
  "ais",
  "abais",
  "iais",
  "arais",
  "ierais",
  "aseis",
  "ieseis",
  "asteis",
  "isteis",
  "ados",
  "idos",
  "amos",
  "abamos",
  "iamos",
  "imos",
  "aramos",
  "ieramos",
  "iesemos",
  "asemos",
]);

/** Stems one lower-case, accent-folded Spanish word. */
export function stemSpanish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  const rv = regionRv(w);
  const r1 = regionAfter(w, 0);
  const r2 = regionAfter(w, r1);

  // Step 0: attached pronouns after a gerund or infinitive ("configurarlo", "reiniciandola").
  for (const p of PRONOUNS) {
    if (!w.endsWith(p) || w.length - p.length < rv) continue;
    const stem = w.slice(0, -p.length);
    if (/(iendo|ando|ar|er|ir)$/.test(stem) || /uyendo$/.test(stem)) w = stem;
    break;
  }

  // Step 1: standard suffixes.
  let changed = false;
  outer: for (const [suffixes, apply] of STEP1) {
    for (const s of suffixes) {
      if (!w.endsWith(s)) continue;
      const result = apply(w, w.slice(0, -s.length), r1, r2);
      if (result !== undefined) {
        w = result;
        changed = true;
      }
      break outer;
    }
  }

  if (!changed) {
    // Step 2a/2b: verb suffixes in RV.
    let done = false;
    for (const s of STEP2A) {
      if (w.endsWith(s) && w.length - s.length >= rv && w[w.length - s.length - 1] === "u") {
        w = w.slice(0, -s.length);
        done = true;
        break;
      }
    }
    if (!done) {
      for (const s of byLength([...STEP2B, ...STEP2B_GU])) {
        if (!w.endsWith(s) || w.length - s.length < rv) continue;
        w = w.slice(0, -s.length);
        if (STEP2B_GU.includes(s) && w.endsWith("gu")) w = w.slice(0, -1);
        break;
      }
    }
  }

  // Step 3: residual vowels.
  for (const s of ["os", "a", "o", "i", "e"]) {
    if (!w.endsWith(s) || w.length - s.length < rv) continue;
    w = w.slice(0, -s.length);
    if (s === "e" && w.endsWith("gu") && w.length - 1 >= rv) w = w.slice(0, -1);
    break;
  }
  return w;
}
