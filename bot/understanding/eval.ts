/**
 * Scores the routing of first messages (`npm run triage -- route`): each labelled message is read
 * as the product reads it — a strict command first, then the understanding with a command word as
 * evidence — and compared with the action a careful support lead expects (`also` lists other
 * right readings). Reports accuracy overall, per language and per role, how often the bot would
 * ask instead of act, how many non-documentation messages would fall through to a documentation
 * search, and the confusions.
 */
import { z } from "zod";
import { ACTIONS, LANGUAGES, ROLES, type Action, type Role } from "../../core/vocabulary.ts";
import type { Triage } from "../triage/index.ts";
import { decide, startsASentence, type Understanding } from "./index.ts";
import type { Slots } from "./slots.ts";

const itemSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  lang: z.enum(LANGUAGES),
  role: z.enum(ROLES),
  expected_action: z.enum(ACTIONS),
  also: z.array(z.enum(ACTIONS)).default([]),
});
export type RouteItem = z.infer<typeof itemSchema>;

/** A line of the set that is not a labelled message: says which line and what is wrong. */
export class RouteSetError extends Error {}

export function parseRouteSet(content: string, source: string): RouteItem[] {
  const items: RouteItem[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new RouteSetError(`${source}:${i + 1}: not JSON`);
    }
    const parsed = itemSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RouteSetError(`${source}:${i + 1}: ${issue.path.join(".") || "line"}: ${issue.message}`);
    }
    items.push(parsed.data);
  });
  return items;
}

export interface RoutedItem {
  id: string;
  action: Action;
  confidence: number;
  slots: Slots;
  /** The bot would ask which action was meant, or confirm it, instead of acting. */
  asks: boolean;
  correct: boolean;
}

export interface RouteReport {
  items: RoutedItem[];
  total: number;
  action_accuracy: number;
  by_lang: Record<string, { total: number; accuracy: number }>;
  by_role: Record<string, { total: number; accuracy: number }>;
  /** Share of messages the bot would answer with a question (which action? go ahead?). */
  ask_rate: number;
  /** Share of messages that are not documentation questions but would be searched as one. */
  documentation_fallthrough: number;
  confusions: { expected: Action; got: Action; count: number; ids: string[] }[];
}

/** What the evaluation needs of the router: its strict command match and its command words. */
export interface CommandTable {
  matchCommand(text: string): { spec: { needs: string; actions: readonly Action[] }; args: { rest: string } } | undefined;
  commandVerbOf(text: string): string | undefined;
}

/** The parts of the product that route a first message. */
export interface Routing {
  router: CommandTable;
  understanding: Understanding;
  triage: Triage;
  changes: ReadonlySet<Action>;
}

/** The action the product takes on a first message, as the router and the conversation decide it. */
export function route(parts: Routing, text: string, role: Role): Omit<RoutedItem, "id" | "correct"> {
  const { router, understanding, triage } = parts;
  const match = router.matchCommand(text);
  const triaged = triage.classify(text);
  const reading = understanding.understand({ text, role, triage: triaged, commandVerb: router.commandVerbOf(text) });
  if (match && !startsASentence(match.spec, match.args.rest)) {
    const action = match.spec.actions.includes(reading.action) ? reading.action : (match.spec.actions[0] ?? "other");
    return { action, confidence: 1, slots: reading.slots, asks: false };
  }
  const decision = decide(reading, parts.changes, match?.spec.actions);
  return { action: decision.action, confidence: decision.confidence, slots: reading.slots, asks: decision.kind !== "act" };
}

function share(items: readonly RoutedItem[]): { total: number; accuracy: number } {
  return { total: items.length, accuracy: items.length ? round(items.filter((i) => i.correct).length / items.length) : 0 };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function evaluateRouting(parts: Routing, set: readonly RouteItem[]): RouteReport {
  const items = set.map((item) => {
    const routed = route(parts, item.text, item.role);
    return { id: item.id, ...routed, correct: routed.action === item.expected_action || item.also.includes(routed.action) };
  });
  const group = (key: (item: RouteItem) => string) => {
    const out: Record<string, { total: number; accuracy: number }> = {};
    for (const value of new Set(set.map(key))) out[value] = share(items.filter((_, i) => key(set[i]!) === value));
    return out;
  };
  const confusions = new Map<string, { expected: Action; got: Action; count: number; ids: string[] }>();
  items.forEach((item, i) => {
    if (item.correct) return;
    const expected = set[i]!.expected_action;
    const entry = confusions.get(`${expected}>${item.action}`) ?? { expected, got: item.action, count: 0, ids: [] };
    entry.count++;
    entry.ids.push(item.id);
    confusions.set(`${expected}>${item.action}`, entry);
  });
  const notDocs = items.filter((_, i) => set[i]!.expected_action !== "kb_answer" && !set[i]!.also.includes("kb_answer"));
  return {
    items,
    total: items.length,
    action_accuracy: share(items).accuracy,
    by_lang: group((item) => item.lang),
    by_role: group((item) => item.role),
    ask_rate: round(items.filter((i) => i.asks).length / Math.max(items.length, 1)),
    documentation_fallthrough: round(notDocs.filter((i) => i.action === "kb_answer" && !i.asks).length / Math.max(notDocs.length, 1)),
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
  };
}
