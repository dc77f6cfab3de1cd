/**
 * The language a person last wrote in. A reply to something that says nothing about its language
 * — "2", "ok", "sí", a button — is given in it, rather than in the platform's default: a Spanish
 * speaker who answers "sí" is answered in Spanish. Kept in conversation state, so any replica
 * and any restart knows it; each replica remembers what it last stored, so a message writes only
 * when the person changes language.
 */
import type { Language } from "../../core/vocabulary.ts";
import type { ConversationStates } from "../runtime/conversation-state.ts";

const KIND = "language";
const TTL_MS = 30 * 24 * 3_600_000;
/** People remembered per replica; past this the oldest are forgotten (and written again if needed). */
const MEMORY = 10_000;

const keyOf = (personId: string) => `${KIND}:${personId}`;

export class SpokenLanguages {
  private readonly stored = new Map<string, Language>();

  constructor(private readonly states: ConversationStates) {}

  /** Records the language of a message that showed it. */
  async heard(personId: string, language: Language): Promise<void> {
    if (this.stored.get(personId) === language) return;
    await this.states.set(keyOf(personId), KIND, language, TTL_MS);
    this.stored.delete(personId);
    this.stored.set(personId, language);
    if (this.stored.size > MEMORY) this.stored.delete(this.stored.keys().next().value!);
  }

  /** The language the person last wrote in, if known. */
  async last(personId: string): Promise<Language | undefined> {
    const state = await this.states.get<Language>(keyOf(personId));
    return state?.data === "es" || state?.data === "en" ? state.data : undefined;
  }
}
