/** The visit timeline: one row per change, keyed by what caused it so a redelivery adds nothing. */
import type { Tx } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import type { Viewer } from "../../authz.ts";

/** Appends a timeline event; undefined when this origin already added it (a redelivery). */
export async function addVisitEvent(
  tx: Tx,
  visitId: string,
  kind: string,
  viewer: Viewer,
  body: string | undefined,
  originKey: string | undefined,
  now: Date,
): Promise<string | undefined> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`INSERT INTO "OnsiteEvent" (id, "visitId", kind, "actorId", body, "originKey", "createdAt")
    VALUES (${newId(now.getTime())}, ${visitId}, ${kind}, ${viewer.personId}, ${body ?? null}, ${originKey ?? null}, ${now})
    ON CONFLICT ("originKey") DO NOTHING RETURNING id`;
  return rows[0]?.id;
}
