/**
 * The understanding step: one reading per message, over every action the kernel and the features
 * declare (bot/feature.ts `actions`). A small linear model trained on the declared example
 * sentences ranks the actions; the triage's rule-based intent, a command word at the start, the
 * case thread the message is in and the person's role add their evidence; the slots come from the
 * triage's entities. The conversation (bot/handlers/conversation.ts) then acts, asks which one was
 * meant, or confirms an action that changes data.
 */
import { ACTIONS, type Action, type Intent, type Role } from "../../core/vocabulary.ts";
import type { TriageResult } from "../triage/index.ts";
import { featuresOf, wordsOf } from "./ngrams.ts";
import { fold } from "../../core/text/fold.ts";
import { LinearModel, softmax, type TrainingExample, type TrainingOptions } from "./linear-model.ts";
import { slotsOf, type Slots } from "./slots.ts";

export type { Slots } from "./slots.ts";

/** What the understanding needs of an action's declaration. */
export interface ActionEvidence {
  action: Action;
  roles: readonly Role[] | "everyone";
  examples: readonly string[];
}

export interface Interpretation {
  action: Action;
  confidence: number;
}

/** The understanding of one message: the ranked interpretations and what it names. */
export interface Reading {
  /** The message as written. */
  text: string;
  action: Action;
  confidence: number;
  /** Every interpretation, best first (the first is `action`). */
  ranked: Interpretation[];
  slots: Slots;
  triage: TriageResult;
  /** The sentence hedges ("maybe", "quizá", "should we…?"): weak evidence for anything that changes data. */
  hedged: boolean;
  /** Nothing but a product or a device ("bar 50", "NB5-2231987"): it says what, not what to do with it. */
  bare: boolean;
}

export interface UnderstandInput {
  text: string;
  role: Role;
  triage: TriageResult;
  /** The canonical verb of a command word the message starts with, if any. */
  commandVerb?: string | undefined;
  /** The message is in a case's thread: the case is the default subject. */
  inCaseThread?: boolean;
}

export interface Understanding {
  understand(input: UnderstandInput): Reading;
  /** Trains the model now rather than on the first message (the app calls it once it is up). */
  warm(): void;
  readonly actions: readonly Action[];
}

/** The action each triage intent stands for: the rules' reading counts as evidence. */
const INTENT_ACTION: Record<Intent, Action> = {
  report_issue: "intake",
  how_to: "kb_answer",
  case_status: "case_status",
  escalate: "case_escalate",
  replacement_status: "rma_status",
  register_product: "register",
  license_lookup: "licenses",
  parts_availability: "parts",
  software_update: "firmware",
  onsite_request: "onsite",
  partner_ticket: "partner_ticket",
  close_case: "case_close",
  greeting_help: "help",
  other: "other",
};

/** Weight of the triage's intent, times its confidence, on the model's logits. */
const TRIAGE_WEIGHT = 2.2;

const HEDGES =
  /\b(maybe|might|perhaps|possibly|not sure|i wonder|should we|do we need|would it make sense|quiza|quizas|tal vez|a lo mejor|igual hace falta|puede que|no se si|deberiamos|haria falta)\b/;

/** Words that carry no request ("the", "la", "please"). */
const FILLER = new Set([
  "the",
  "a",
  "an",
  "my",
  "our",
  "el",
  "la",
  "los",
  "las",
  "mi",
  "nuestra",
  "nuestro",
  "un",
  "una",
  "please",
  "pls",
  "por",
  "favor",
]);

/** Whether a message names products or devices and nothing else (the model's words, serials, filler). */
function onlyNames(text: string, triage: TriageResult): boolean {
  const named = new Set(triage.entities.model.flatMap((id) => id.split("-")));
  return wordsOf(text).every((word) => FILLER.has(word) || named.has(word) || word.endsWith("ref"));
}

/** Knobs of the model, for measuring alternatives (`npm run triage -- route`); the defaults are the measured best. */
export interface UnderstandingTuning extends TrainingOptions {
  /** Weight of the triage's intent; 0 reads with the model alone. */
  triageWeight?: number;
  /** Read with the triage's rules alone (the model's evidence is left out). */
  rulesOnly?: boolean;
}

/** The cues besides the words: who is asking, what the message names, where it is said. */
function cues(input: Omit<UnderstandInput, "triage"> & { slots?: Slots }): string[] {
  const out = [`role:${input.role}`];
  const text = input.text.trim();
  if (/\?\s*$|^¿/.test(text)) out.push("question");
  if (input.commandVerb) out.push(`cmd:${input.commandVerb}`);
  if (input.inCaseThread) out.push("thread");
  if (text.includes("\n")) out.push("multiline");
  return out;
}

/**
 * Trained models by what they were trained on: every router built in one process (the app, the
 * evaluation, each test's app) shares one model per set of declarations instead of training again.
 */
const MODELS = new Map<string, LinearModel>();

function cacheKey(declarations: readonly ActionEvidence[], tuning: UnderstandingTuning): string {
  return JSON.stringify([tuning, declarations.map((d) => [d.action, d.roles, d.examples])]);
}

/** Greetings and courtesies people wrap requests in; they must not change the reading. */
const OPENERS = [
  "hi, ",
  "hola, ",
  "hey ",
  "buenas, ",
  "please ",
  "por favor, ",
  "could you ",
  "¿me ayudas? ",
  "quick one: ",
  "una pregunta: ",
];
const CLOSERS = [" thanks", " gracias", " pls", " porfa", "!", " asap", " urgente", "?", " ty", " un saludo"];

/**
 * An example as written, and once more wrapped in a courtesy (taking turns through the lists), so
 * "hola, ¿me podéis decir…" and "thanks!" do not sway the model towards greetings.
 */
function variants(example: string, turn: number): string[] {
  if (example.split(/\s+/).length < 2) return [example];
  return [example, `${OPENERS[turn % OPENERS.length]}${example}${CLOSERS[(turn * 7) % CLOSERS.length]}`];
}

/** Trains the model on the declared examples; one model per list of declarations. */
export function createUnderstanding(
  declarations: readonly ActionEvidence[],
  verbOf: (text: string) => string | undefined = () => undefined,
  tuning: UnderstandingTuning = {},
): Understanding {
  const triageWeight = tuning.triageWeight ?? TRIAGE_WEIGHT;
  const actions = ACTIONS.filter((action) => declarations.some((d) => d.action === action));
  const index = new Map(actions.map((action, i) => [action, i]));
  const roles = new Map<Action, ReadonlySet<Role> | "everyone">();
  for (const d of declarations) {
    const known = roles.get(d.action);
    if (d.roles === "everyone" || known === "everyone") roles.set(d.action, "everyone");
    else roles.set(d.action, new Set([...(known ?? []), ...d.roles]));
  }
  let model: LinearModel | undefined;
  const trained = (): LinearModel => {
    if (model) return model;
    const key = cacheKey(declarations, tuning);
    const cached = MODELS.get(key);
    if (cached) return (model = cached);
    const examples: TrainingExample[] = [];
    let turn = 0;
    for (const d of declarations) {
      const allowed = d.roles === "everyone" ? (["employee", "admin", "engineer", "manager", "partner"] as const) : d.roles;
      for (const example of d.examples)
        for (const text of variants(example, turn)) {
          const role = allowed[turn++ % allowed.length]!;
          examples.push({ features: featuresOf(text, cues({ text, role, commandVerb: verbOf(text) })), label: index.get(d.action)! });
        }
    }
    model = new LinearModel(actions.length).train(examples, { epochs: 12, learningRate: 1.6, ...tuning });
    MODELS.set(key, model);
    return model;
  };

  return {
    actions,
    warm: () => void trained(),
    understand(input) {
      const logits = tuning.rulesOnly ? new Float64Array(actions.length) : trained().scores(featuresOf(input.text, cues(input)));
      const fromRules = index.get(INTENT_ACTION[input.triage.intent]);
      if (fromRules !== undefined) logits[fromRules]! += triageWeight * input.triage.confidence;
      // An action the person's role cannot take is not a reading of what they said.
      actions.forEach((action, k) => {
        const allowed = roles.get(action);
        if (allowed !== "everyone" && !allowed?.has(input.role)) logits[k] = -Infinity;
      });
      const probabilities = softmax(logits);
      const ranked = actions
        .map((action, k) => ({ action, confidence: probabilities[k]! }))
        .filter((i) => i.confidence > 0)
        .sort((a, b) => b.confidence - a.confidence);
      const best = ranked[0] ?? { action: "other" as const, confidence: 0 };
      const hedged = HEDGES.test(fold(input.text));
      const slots = slotsOf(input.text, input.triage);
      const bare = (slots.model !== undefined || slots.serial !== undefined) && onlyNames(input.text, input.triage);
      return { text: input.text, hedged, bare, action: best.action, confidence: best.confidence, ranked, slots, triage: input.triage };
    },
  };
}

/** Below this, no reading is likely enough to act on: ask. */
const UNSURE = 0.3;
/** Two readings closer than this are both plausible: ask. */
const CLOSE = 0.1;
/** An action that changes data runs from a sentence only above this (a command word always runs). */
const SURE_TO_CHANGE = 0.7;
/** A sentence that starts with a command word runs the command unless another reading is this likely. */
const OVERRULES_COMMAND = 0.75;
/** …or leads every action of the command by this much. */
const CLEARLY_AHEAD = 0.4;

/**
 * Whether a typed command word starts a sentence the understanding should read first: a
 * free-text command that says which actions it does, followed by at least two words
 * ("update on CS-10005?"). Anything shorter is the command.
 */
export function startsASentence(spec: { needs: string; actions: readonly Action[] }, rest: string): boolean {
  return spec.needs === "text" && spec.actions.length > 0 && rest.split(/\s+/).filter(Boolean).length >= 2;
}

/** What to do with a reading: run the command it starts with, act, ask which action, or confirm. */
export interface Decision {
  kind: "command" | "act" | "ask" | "confirm";
  action: Action;
  confidence: number;
}

/**
 * The dialogue policy on one reading. `changes` are the actions that change data or tell other
 * people; `commanded` are the actions of the command word the sentence starts with, if any.
 */
export function decide(reading: Reading, changes: ReadonlySet<Action>, commanded: readonly Action[] = []): Decision {
  const { action, confidence } = reading;
  if (commanded.includes(action)) return { kind: "command", action, confidence: Math.max(confidence, OVERRULES_COMMAND) };
  // The command runs unless the reading is very likely, or far ahead of everything the command does.
  const commandedBest = Math.max(0, ...reading.ranked.filter((i) => commanded.includes(i.action)).map((i) => i.confidence));
  if (commanded.length > 0 && confidence < OVERRULES_COMMAND && confidence - commandedBest < CLEARLY_AHEAD)
    return { kind: "command", action: commanded[0]!, confidence: OVERRULES_COMMAND };
  const second = reading.ranked[1];
  if (reading.bare) return { kind: "ask", action, confidence };
  if (confidence < UNSURE || (second && confidence - second.confidence < CLOSE)) return { kind: "ask", action, confidence };
  if (changes.has(action) && (confidence < SURE_TO_CHANGE || reading.hedged)) return { kind: "confirm", action, confidence };
  return { kind: "act", action, confidence };
}
