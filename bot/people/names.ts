/**
 * Matching what someone typed to a person's name: accents, case and spacing never matter, in
 * either direction ("Sofia" finds "Sofía", "SOFÍA" finds "Sofia"), and letters that Unicode does not
 * decompose (ß, ø, ł, æ) are spelled out the way people type them without the key.
 */

// prettier-ignore
const SPELLED: Record<string, string> = {
  "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d",
};

/** A name or a typed word in the form names are compared in: lower case, no accents, single spaces. */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßøłđæœıþð]/g, (letter) => SPELLED[letter] ?? letter)
    .replace(/[^\p{L}\p{N}@.+-]+/gu, " ")
    .trim();
}

/** What a person can be called: their import key, full name, e-mail. */
export interface NamedPerson {
  key: string;
  name: string;
  email?: string | null;
}

/** How well `written` names `person`: 4 key or e-mail, 3 full name, 2 one word of the name, 1 the start of the name; 0 not at all. */
export function nameScore(person: NamedPerson, written: string): number {
  const wanted = foldName(written);
  if (!wanted) return 0;
  const name = foldName(person.name);
  if (foldName(person.key) === wanted) return 4;
  const email = person.email ? foldName(person.email) : "";
  if (email && (email === wanted || email.split("@")[0] === wanted)) return 4;
  if (name === wanted) return 3;
  if (name.split(" ").includes(wanted)) return 2;
  return name.startsWith(wanted) ? 1 : 0;
}

/** The people `written` names, best match first (only those of the best kind of match). */
export function matchByName<P extends NamedPerson>(people: readonly P[], written: string): P[] {
  let best = 0;
  let found: P[] = [];
  for (const person of people) {
    const score = nameScore(person, written);
    if (score > best) [best, found] = [score, [person]];
    else if (score === best && score > 0) found.push(person);
  }
  return found;
}
