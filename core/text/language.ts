/**
 * English or Spanish: the language a reply is written in and a question is searched in, so the
 * two never part ways. Chat messages are short and full of English product
 * words even when written in Spanish, so this counts function words (which people do not borrow)
 * rather than all words, plus the characters only Spanish uses.
 */
import type { Language } from "../vocabulary.ts";
import { fold } from "./fold.ts";

// Function words and very common verbs; product and tech words are left out on purpose because
// Spanish messages borrow them ("la bar 50 no conecta al proxy").
const SPANISH = new Set(
  (
    "el la los las lo le les del al de en y o u que qué es son esta estan este estos estas ese esa hay ha han he hemos " +
    "un una unos unas por para con sin pero porque como cuando donde desde hasta muy mas ya tambien tampoco todo toda todos todas " +
    "mi mis tu su sus nuestra nuestro nuestras nuestros nos me te se si sí aqui ahi alli cual cuales quien quienes cuanto cuantos " +
    "puede pueden podeis podemos puedo quiero queremos necesito necesitamos tenemos tengo tiene tienen sale salen funciona funcionan " +
    "hace hacer sigue siguen dice dicen esta estoy estamos estaba fue era otra otro otros nada nadie algo alguien ningun ninguna " +
    "hola gracias buenas buenos dias tardes noches favor ayer hoy manana semana desde ahora despues antes sala salas reunion reuniones " +
    "equipo equipos llamada llamadas caso casos oficina pantalla camara cuanto donde vez veces cada tras entre sobre segun solo"
  ).split(" "),
);
const ENGLISH = new Set(
  (
    "the an is are was were be been being it its this that these those there their they them we our us you your i my me " +
    "of to in on at for with from by about after before since until into over and or but if then so not don't doesn't can't " +
    "won't isn't didn't can could would should will do does did has have had how what when where which who why any some all " +
    "every please thanks thank hi hello hey just still only also again now today yesterday tomorrow get got keeps keep stuck " +
    "working works work broken fix help need needs want anyone someone something nothing room rooms meeting meetings call calls " +
    "case ticket office screen camera up out off very too"
  ).split(" "),
);
// Words present in both lists count for neither; "me", "no", "solo" and the like carry no signal.
for (const word of [...SPANISH])
  if (ENGLISH.has(word)) {
    SPANISH.delete(word);
    ENGLISH.delete(word);
  }

/** The main language of a message; English when undecided (empty text, emoji, codes). */
export function detectLanguage(text: string): Language {
  return scoreLanguage(fold(String(text ?? "").slice(0, 2000)), String(text ?? "").slice(0, 2000)) > 0 ? "es" : "en";
}

/**
 * Positive means Spanish. `folded` is the folded text; `original` is used for the characters
 * folding removes (ñ, accents, inverted marks).
 */
export function scoreLanguage(folded: string, original: string): number {
  let score = 0;
  for (const word of folded.match(/[a-z']+/g) ?? []) {
    if (SPANISH.has(word)) score += 1;
    else if (ENGLISH.has(word)) score -= 1;
    else if (/(cion|ciones|mente|amos|emos|ado|ada|ados|adas|ido|ida)$/.test(word) && word.length > 5) score += 0.5;
    else if (/(ing|tion|tions|ly|ed)$/.test(word) && word.length > 4) score -= 0.5;
  }
  const marks = original.match(/[¿¡ñÑáéíóúÁÉÍÓÚ]/g)?.length ?? 0;
  score += Math.min(marks, 4) * 0.75;
  return score;
}
