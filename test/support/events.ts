/** Factories for inbound events, as the shell adapter would build them for a demo person. */
import { randomUUID } from "node:crypto";
import type { ActionEvent, MessageEvent } from "../../bot/events.ts";

export function message(person: string, text: string, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return {
    kind: "message",
    platform: "shell",
    deliveryId: randomUUID(),
    receivedAt: new Date(),
    actor: { platform: "shell", externalId: person },
    conversation: { platform: "shell", conversationId: `dm:${person}`, kind: "personal" },
    text,
    ...overrides,
  };
}

export function action(person: string, actionId: string, value: Record<string, string>, overrides: Partial<ActionEvent> = {}): ActionEvent {
  return {
    kind: "action",
    platform: "shell",
    deliveryId: randomUUID(),
    receivedAt: new Date(),
    actor: { platform: "shell", externalId: person },
    conversation: { platform: "shell", conversationId: `dm:${person}`, kind: "personal" },
    actionId,
    value,
    ...overrides,
  };
}
