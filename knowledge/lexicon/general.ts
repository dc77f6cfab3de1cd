/**
 * General-language words: the words of a question that say who, when, how much or how it feels
 * rather than what it is about ("since we joined the room pcs to AD they just **sit** there",
 * "teams calls over wifi are **awful**", "the wireless **guys**"). In a small technical corpus
 * such words are rare or absent, so by rarity alone they look like the most specific concepts of
 * the question; weighed like that, a chat-style question abstains because the passage that
 * answers it never says "awful". They still count, at a fraction, in ranking and coverage.
 *
 * Only words that never name a device, feature, setting or symptom of their own belong here:
 * colours, materials, parts and symptoms ("black", "dark", "battery", "flickers") stay topics,
 * because a question about them can be one the documentation does not answer.
 */
import type { Language } from "../../core/vocabulary.ts";

const ENGLISH = `
work works worked working make makes made making get gets go goes going gone went show shows showing keep keeps kept
way best want try tried trying tries possible fine normal thing stuff people guys folks someone somebody anything
something everything nothing nobody anybody everybody ever never always sure know knew think thought seems seem seemed
look looks looked looking see saw seen say says said tell tells told give gives gave put puts let lets happen happens
happened happening still already again anymore since ago today tonight tomorrow yesterday now yet first bunch several
multiple whole entire every lot lots loads ton tons couple kind sort pile piles handful dozen dozens hundreds thousands
instead straight away anyway anyways basically actually literally totally completely simply somehow somewhere anywhere
everywhere nowhere roughly approximately around maybe perhaps probably definitely apparently obviously honestly
suddenly randomly occasionally sometimes often usually constantly repeatedly frequently rarely lately recently soon
sooner later earlier eventually finally quickly easily
awful terrible horrible bad worse worst good great nice cool okay weird strange odd annoying crazy huge big tiny
little massive wrong right proper easy easier hard harder difficult tricky quick whatever old older
sit sits sitting sat stay stays stayed staying eat eats eating ate knows knowing gives giving side sides come comes came coming bring brings brought take takes took taken pick
picks picked ask asks asked asking mean means meant guess hope wonder wondering figure figured notice noticed realize
realized bother care mind wish like liked love hate
everyone everybody else onto fewer less combo guy boss bosses ceo cfo cto execs exec executives staff employees personnel colleague colleagues coworker coworkers teammate teammates mate mates
gotcha gotchas lol btw fyi asap thx ty cheers urgent urgently quick question questions idea ideas advice suggestion suggestions
typo bin trash toss chuck ditch dump appreciate appreciated pointers hints
super pretty quite extremely insanely seriously
fix fixes fixed fixing solve solves solved solving sort troubleshoot troubleshooting problem problems trouble
troubles broken broke
`;

/**
 * Spanish general words as typed (accent-folded). Spanish questions pass unknown words through
 * untranslated, so these are the verbs and fillers a Spanish chat question is made of.
 */
const SPANISH = `
queremos quiere quieren queria querria pueda puedan podemos podria podrian puedes tenemos tiene tienen tengo tenga
tengan tener
necesitamos necesita necesitan necesitaria pasa paso pasan ocurre sucede hago hacemos hace hacen haga hagan
recomiendan recomienda recomiendas sugieren aconsejan conviene mejor peor bien mal malo mala
alguien nadie nada algo todo todos todas cosa cosas gente chicos mitad rato ahora hoy ayer manana siempre nunca
ya todavia aun luego pronto cada vez veces tipo
arreglar arreglo arreglamos solucionar soluciono resolver resuelvo problema problemas
porfa porfavor gracias saludos urgente pregunta duda dudas ayuda
`;

const toSet = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

/** English general words (folded surface forms). */
export const GENERAL_ENGLISH = toSet(ENGLISH);
/** Spanish general words (folded surface forms). */
export const GENERAL_SPANISH = toSet(SPANISH);

/**
 * True when a short unknown word is a common word typed with two letters swapped or one left out
 * ("teh", "waht", "evry", "becuase"): without this, the typo counts as an unknown topic. Only
 * swaps and omissions count — an extra or changed letter makes a different word ("tone" is not
 * "one", "gold" is not "good").
 */
export function isCommonWordTypo(word: string, common: (w: string) => boolean): boolean {
  if (word.length < 3 || word.length > 7 || /\d/.test(word)) return false;
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (swapped !== word && common(swapped)) return true;
  }
  if (word.length < 4) return false;
  for (let i = 0; i <= word.length; i++)
    for (const c of "abcdefghijklmnopqrstuvwxyz") if (common(word.slice(0, i) + c + word.slice(i))) return true;
  return false;
}

/** True when a folded word is general language rather than a topic, in the question's language. */
export function isGeneralWord(word: string, language: Language): boolean {
  return language === "es" ? GENERAL_SPANISH.has(word) || GENERAL_ENGLISH.has(word) : GENERAL_ENGLISH.has(word);
}
