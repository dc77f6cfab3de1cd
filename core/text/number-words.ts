/**
 * Spelled-out numbers in English and Spanish ("fifty", "cuatrocientos", "twenty five",
 * "treinta y dos"), so that "bar fifty" matches a catalog alias "bar 50" and "twenty rooms down"
 * counts as twenty rooms. Inputs are folded (lower case, no accents).
 */

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  cero: 0,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veintiuno: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
};

const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  veinte: 20,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
};

const HUNDREDS: Record<string, number> = {
  cien: 100,
  ciento: 100,
  doscientos: 200,
  trescientos: 300,
  cuatrocientos: 400,
  quinientos: 500,
  seiscientos: 600,
  setecientos: 700,
  ochocientos: 800,
  novecientos: 900,
};

/** True for a folded word that is (part of) a spelled-out number. */
export function isNumberWord(word: string): boolean {
  return word in UNITS || word in TENS || word in HUNDREDS || word === "hundred";
}

/**
 * Reads a spelled-out number starting at `words[start]`. Returns its value and how many words it
 * used (connectors "and"/"y" included), or undefined when no number starts there.
 */
export function readNumberWords(words: readonly string[], start: number): { value: number; length: number } | undefined {
  let value = 0;
  let used = 0;
  let i = start;
  let lastKind: "unit" | "ten" | "hundred" | undefined;
  while (i < words.length) {
    const word = words[i]!;
    if ((word === "and" || word === "y") && used > 0 && i + 1 < words.length && isNumberWord(words[i + 1]!)) {
      i += 1;
      continue;
    }
    if (word === "hundred" && used > 0 && lastKind !== "hundred") {
      value = (value % 100 || 1) * 100 + Math.floor(value / 100) * 100;
      lastKind = "hundred";
    } else if (word in HUNDREDS && lastKind === undefined) {
      value += HUNDREDS[word]!;
      lastKind = "hundred";
    } else if (word in TENS && (lastKind === undefined || lastKind === "hundred")) {
      value += TENS[word]!;
      lastKind = "ten";
    } else if (word in UNITS && (lastKind === undefined || lastKind === "hundred" || (lastKind === "ten" && UNITS[word]! < 10))) {
      value += UNITS[word]!;
      lastKind = "unit";
    } else {
      break;
    }
    used = i - start + 1;
    i += 1;
  }
  return used > 0 ? { value, length: used } : undefined;
}
