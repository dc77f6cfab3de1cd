/** The RMA timeline: one row per change, keyed by what caused it so a redelivery adds nothing. */
import type { Tx } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import type { Viewer } from "../../authz.ts";

/** Appends a timeline event; undefined when this origin already added it (a redelivery). */
export async function addRmaEvent(
  tx: Tx,
  rmaId: string,
  kind: string,
  viewer: Viewer | undefined,
  body: string | undefined,
  originKey: string | undefined,
  now: Date,
): Promise<string | undefined> {
  const id = newId(now.getTime());
  const rows = await tx.$queryRaw<{ id: string }[]>`INSERT INTO "RmaEvent" (id, "rmaId", kind, "actorId", body, "originKey", "createdAt")
    VALUES (${id}, ${rmaId}, ${kind}, ${viewer?.personId ?? null}, ${body ?? null}, ${originKey ?? null}, ${now})
    ON CONFLICT ("originKey") DO NOTHING RETURNING id`;
  return rows[0]?.id;
}
