/**
 * Modals: a card's inputs (opened by its button), "open a case" and "register a product". A modal
 * remembers where it was opened from in `private_metadata`, so its submission is answered in that
 * conversation. The two fixed forms turn into the chat command a person could have typed
 * ("open case sev2 …", "register NB5-2231987 …"), so the core has one way in for each.
 */
import type { types } from "@slack/bolt";
import type { Language } from "../../core/vocabulary.ts";
import { clip, type PackedInput } from "./render.ts";
import { slackText } from "./messages.ts";

export const MODAL = { inputs: "sb.inputs", openCase: "sb.open_case", register: "sb.register" } as const;

/** Where a modal was opened from and what its submission does. */
export interface ModalOrigin {
  /** Conversation (channel id) and thread the answer goes to; none = the person's DM with the bot. */
  c?: string;
  t?: string;
  /** The message whose button opened it (updated in place by the core). */
  m?: string;
  /** For card inputs: the core action id and value. */
  a?: string;
  v?: Record<string, string>;
  l: Language;
}

/** The values a person entered, by input id; empty inputs are left out. */
export type ViewValues = Record<string, string>;

interface StateValue {
  value?: string | null;
  selected_option?: { value?: string } | null;
}

/** Reads a submitted view's state into `{ inputId: value }` (block_id and action_id are the input id). */
export function readViewValues(state: unknown): ViewValues {
  const values: ViewValues = {};
  const blocks = (state as { values?: Record<string, Record<string, StateValue>> } | undefined)?.values ?? {};
  for (const [blockId, actions] of Object.entries(blocks)) {
    for (const entry of Object.values(actions ?? {})) {
      const value = entry?.selected_option?.value ?? entry?.value;
      if (typeof value === "string" && value.trim() !== "") values[blockId] = value;
    }
  }
  return values;
}

/** Parses `private_metadata`; a modal that is not ours (or was tampered with) answers in the DM. */
export function readOrigin(raw: string | undefined): ModalOrigin {
  try {
    const o = JSON.parse(raw ?? "") as Partial<ModalOrigin>;
    const str = (value: unknown) => (typeof value === "string" && value ? value : undefined);
    const v = o.v && typeof o.v === "object" ? Object.fromEntries(Object.entries(o.v).filter(([, x]) => typeof x === "string")) : undefined;
    return {
      c: str(o.c),
      t: str(o.t),
      m: str(o.m),
      a: str(o.a),
      v: v as Record<string, string> | undefined,
      l: o.l === "es" ? "es" : "en",
    };
  } catch {
    return { l: "en" };
  }
}

const plain = (text: string, max: number) => ({ type: "plain_text" as const, text: clip(text, max), emoji: true });

function inputBlock(input: PackedInput): types.InputBlock {
  const element: types.InputBlock["element"] = input.c
    ? {
        type: "static_select",
        action_id: input.id,
        options: input.c.map(([value, label]) => ({ text: plain(label, 75), value })),
        ...(input.d ? { initial_option: { text: plain(input.c.find(([v]) => v === input.d)?.[1] ?? input.d, 75), value: input.d } } : {}),
      }
    : {
        type: "plain_text_input",
        action_id: input.id,
        multiline: input.k === "multiline",
        ...(input.p ? { placeholder: plain(input.p, 150) } : {}),
        ...(input.d ? { initial_value: input.d } : {}),
      };
  return { type: "input", block_id: input.id, optional: input.r !== 1, label: plain(input.l, 2_000), element };
}

function modal(callbackId: string, title: string, origin: ModalOrigin, blocks: types.KnownBlock[]): types.ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    title: plain(title, 24),
    submit: plain(slackText(origin.l, "modal.submit"), 24),
    close: plain(slackText(origin.l, "modal.cancel"), 24),
    private_metadata: JSON.stringify(origin).slice(0, 3_000),
    blocks,
  };
}

/** The modal of a card's inputs; its submission is the button's action with the values. */
export function inputsModal(label: string, inputs: PackedInput[], origin: ModalOrigin): types.ModalView {
  return modal(MODAL.inputs, label || slackText(origin.l, "modal.inputs.title"), origin, inputs.slice(0, 50).map(inputBlock));
}

/** "Open a case": what is wrong and how urgent. */
export function openCaseModal(origin: ModalOrigin): types.ModalView {
  const t = (key: Parameters<typeof slackText>[1]) => slackText(origin.l, key);
  return modal(MODAL.openCase, t("modal.openCase.title"), origin, [
    inputBlock({ id: "what", l: t("modal.openCase.what"), k: "multiline", r: 1, p: t("modal.openCase.whatHint") }),
    inputBlock({
      id: "severity",
      l: t("modal.openCase.severity"),
      k: "choice",
      d: "sev3",
      c: (["sev1", "sev2", "sev3", "sev4"] as const).map((sev): [string, string] => [sev, t(`modal.severity.${sev}`)]),
    }),
  ]);
}

/** "Register a product": serial, optional site and asset tag. */
export function registerModal(origin: ModalOrigin): types.ModalView {
  const t = (key: Parameters<typeof slackText>[1]) => slackText(origin.l, key);
  return modal(MODAL.register, t("modal.register.title"), origin, [
    inputBlock({ id: "serial", l: t("modal.register.serial"), k: "text", r: 1, p: t("modal.register.serialHint") }),
    inputBlock({ id: "site", l: t("modal.register.site"), k: "text" }),
    inputBlock({ id: "asset", l: t("modal.register.asset"), k: "text" }),
  ]);
}

/** The chat command a fixed form stands for (what a person could have typed instead). */
export function commandTextOf(callbackId: string, values: ViewValues): string | undefined {
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
  if (callbackId === MODAL.openCase) {
    const what = values.what?.trim();
    if (!what) return undefined;
    const severity = /^sev[1-4]$/.test(values.severity ?? "") ? values.severity : "sev3";
    return `open case ${severity} ${what}`;
  }
  if (callbackId === MODAL.register) {
    const serial = oneLine(values.serial ?? "").toUpperCase();
    if (!serial) return undefined;
    const site = values.site ? ` site ${oneLine(values.site)}` : "";
    const asset = values.asset ? ` asset ${oneLine(values.asset)}` : "";
    return `register ${serial}${site}${asset}`;
  }
  return undefined;
}
