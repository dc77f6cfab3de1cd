/**
 * Symptom lexicon: phrases that say something is wrong now, per category, with a weight, in
 * English and Spanish (folded text). A symptom both makes a message a problem report and points
 * at the category; phrases are written as word-level patterns, not copies of messages.
 */
import type { Category } from "./types.ts";
import { DEVICE_SYMPTOMS } from "./symptom-lexicon-device.ts";
import { SERVICE_SYMPTOMS } from "./symptom-lexicon-service.ts";
import { WIDER_SYMPTOMS } from "./symptom-lexicon-wider.ts";

/** A category, the phrases that signal it, and how much one match counts. */
export type Weighted = readonly [Category, RegExp, number];

/** Every symptom family; a message scores each family at most once. */
export const SYMPTOMS: readonly Weighted[] = [...DEVICE_SYMPTOMS, ...SERVICE_SYMPTOMS, ...WIDER_SYMPTOMS];
