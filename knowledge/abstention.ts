/**
 * Decides whether the best passage really answers the question, or whether to say "I couldn't
 * find this in the documentation". A ranker always returns *something*; these signals tell a
 * real answer from a neighbour that merely shares vocabulary:
 *
 * - coverage: the share of the question's concepts (weighted by rarity) the best passage holds;
 *   general-language words ("awful", "the guys") count at a fraction (lexicon/general.ts);
 * - unknown words: concepts the corpus never mentions at all (other vendors, products), weighed by
 *   kind, since an unknown general word or untranslated Spanish word is not a missing topic;
 * - a missing rare topic: the question's most specific topic is absent from the passage, so the
 *   passage is about the neighbourhood, not the point;
 * - unmet intent: prices, warranties, refunds, SLAs and part numbers are asked for by kind, and
 *   product documentation only answers them when the passage states one.
 */
import type { ParsedQuery, QueryAlt, QueryGroup } from "./query.ts";
import type { RankedSection, Searcher } from "./searcher.ts";

/** The abstention decision with the figures behind it (for logs and tuning). */
export interface Evidence {
  abstain: boolean;
  /** 0..1; 0.5 is the answer/abstain boundary. */
  confidence: number;
  coverage: number;
  unknown: number;
  rareMissing: number;
  intent: string | undefined;
  reason: string | undefined;
}

/** Tunable thresholds of the decision. */
export interface AbstentionOptions {
  /** Evidence below this abstains. */
  threshold: number;
  unknownWeight: number;
  rareMissingWeight: number;
}

export const DEFAULT_ABSTENTION: AbstentionOptions = { threshold: 0.38, unknownWeight: 1.25, rareMissingWeight: 0.15 };

/** How many top passages may supply the evidence. */
const COVERAGE_DEPTH = 3;

/** Kinds of question documentation answers only when the passage states the fact asked for. */
const INTENTS: Array<{ name: string; question: RegExp; passage: RegExp }> = [
  {
    name: "price",
    question:
      /\b(how much (is|does|do|are|would|will)|price[sd]?|pricing|cost(s|ing)?|fee|fees|quote|cu[aá]nto (cuesta|vale|cobran)|precio|coste|costo|tarifa)\b/i,
    passage: /([$€£]\s?\d|\d\s?(usd|eur|gbp|dollars?|euros?)\b|\bprice list\b)/i,
  },
  { name: "warranty", question: /\b(warrant(y|ies)|guarantee|garant[ií]a)\b/i, passage: /\bwarrant(y|ies)\b/i },
  {
    name: "refund",
    question: /\b(refunds?|return policy|money back|devoluci[oó]n|reembolso)\b/i,
    passage: /\b(refunds?|return policy)\b/i,
  },
  { name: "sla", question: /\b(sla|service level|response time guarantee)\b/i, passage: /\b(sla|service level agreement)\b/i },
  {
    name: "purchase",
    // "which plan do we buy" asks which one, not to be sold one; "buy us a new one" asks to order.
    question:
      /\b(order|buy|purchase|ship|send)\s+(me|us|a|an|new|more|another|replacement|spare)\b|\b(p[ií]de(me|nos)|c[oó]mpra(me|nos)|encarga(me|nos))\b|\b(comprar|encargar|pedir)\s+(un|una|unos|unas|otro|otra|otros|m[aá]s|nuevos?|nuevas?|repuestos?)\b/i,
    passage: /\b(purchas\w*|buy\w*|order (a|one|new|replacement)\w*)\b/i,
  },
  {
    name: "part number",
    question: /\b(part numbers?|sku|p\/n|order code|n[uú]mero de pieza|referencia de pieza)\b/i,
    passage: /\b(part numbers?|sku)\b/i,
  },
];

/**
 * Whether an unknown word is likely a topic (a thing, a product, a brand) rather than the
 * informal colour of a question: adverbs, superlatives and participles ("randomly", "fastest",
 * "vanished", "acting") rarely name something the documentation would have to cover.
 */
function looksLikeTopic(word: string): boolean {
  return !(word.length > 4 && /(ly|est|ed|ing)$/.test(word));
}

/**
 * Spelling corrections of short words are guesses that often turn a name the corpus lacks into a
 * corpus word ("slack" → "stack", "webex" → "webext"); from this length on they are typos
 * ("firmare", "pasword"). A shorter word known only through a correction counts as unknown.
 */
const TRUSTED_CORRECTION_LENGTH = 7;

/** The alternatives of a group the evidence may rely on. */
const trustedAlts = (group: QueryGroup): QueryAlt[] =>
  group.label.length >= TRUSTED_CORRECTION_LENGTH ? group.alts : group.alts.filter((a) => !a.corrected);

/**
 * How much a concept of the question weighs in the evidence: its rarity when the corpus knows it;
 * when it does not, an unknown topic is as specific as the rarest term, an untranslated Spanish
 * word or an inflected form a little, and an unknown general word ("awful", "guys") hardly at all.
 */
function conceptWeight(group: QueryGroup, known: boolean, searcher: Searcher, maxIdf: number): number {
  if (known) return Math.max(0, ...trustedAlts(group).flatMap((a) => a.terms.map((t) => (searcher.index.idf(t) ?? 0) * a.weight)));
  if (group.general) return 0.05 * maxIdf;
  return (looksLikeTopic(group.label) && !group.untranslated ? 0.8 : 0.3) * maxIdf;
}

/** Measures the evidence for the top section and decides. */
export function weighEvidence(
  query: ParsedQuery,
  searcher: Searcher,
  ranked: RankedSection[],
  options: AbstentionOptions = DEFAULT_ABSTENTION,
): Evidence {
  const top = ranked[0];
  const intent = INTENTS.find((i) => i.question.test(query.text));
  if (!top || query.groups.length === 0) {
    return {
      abstain: true,
      confidence: 0,
      coverage: 0,
      unknown: 0,
      rareMissing: 0,
      intent: intent?.name,
      reason: query.groups.length === 0 ? "no searchable words" : "no matching passage",
    };
  }
  const maxIdf = Math.log(1 + searcher.index.size);
  const known = query.groups.map((g) => trustedAlts(g).some((alt) => alt.terms.every((t) => searcher.index.df(t) > 0)));
  const idf = query.groups.map((g, i) => conceptWeight(g, known[i]!, searcher, maxIdf));
  const total = idf.reduce((a, b) => a + b, 0) || 1;
  // The best-covering of the first few passages: the answer need not be ranked first.
  let matched: boolean[] = [];
  let coverage = -1;
  for (const candidate of ranked.slice(0, COVERAGE_DEPTH)) {
    const m = searcher.matchedGroups(query, candidate.chunk).map((hit, i) => hit && known[i]!);
    const c = idf.reduce((sum, v, i) => sum + (m[i] ? v : 0), 0) / total;
    if (c > coverage) [coverage, matched] = [c, m];
  }
  const unknown = idf.reduce((sum, v, i) => sum + (known[i] ? 0 : v), 0) / total;
  // The question's most specific topic, not its rarest word: "execs" is rarer than "hdmi".
  const topical = idf.map((v, i) => (known[i] && !query.groups[i]!.general ? v : 0));
  const rarestKnown = Math.max(0, ...topical);
  const rarestMissing = Math.max(0, ...topical.filter((_, i) => !matched[i]));
  const rareMissing = rarestKnown > 0 && rarestMissing >= rarestKnown ? 1 : 0;

  const evidence = coverage - options.unknownWeight * unknown - options.rareMissingWeight * rareMissing;
  let confidence = 1 / (1 + Math.exp(-10 * (evidence - options.threshold)));
  let reason: string | undefined = confidence < 0.5 ? "weak match: the best passage lacks much of the question" : undefined;
  if (intent && !intent.passage.test(searcher.chunks[top.chunk]!.text)) {
    confidence = Math.min(confidence, 0.2);
    reason = `the documentation does not state a ${intent.name}`;
  }
  return { abstain: confidence < 0.5, confidence, coverage, unknown, rareMissing, intent: intent?.name, reason };
}
