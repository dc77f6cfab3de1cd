/**
 * The numbers people quote — CS-10001, RMA-200001, the onsite visit's — come from one row per
 * counter in "Counter". The number is taken inside the transaction that creates the record, so a
 * rolled-back create (a lost race, a redelivered event) gives its number back.
 */
import { Prisma, type Tx } from "../../db/client.ts";

/** The first number each counter hands out on a new installation. */
const FIRST_NUMBER = {
  case: 10_001,
  rma: 200_001,
  onsite: 300_001,
} as const;

export type Counter = keyof typeof FIRST_NUMBER;

/** The statement that takes a counter's next number; it returns one row, `{ value }`. */
export function nextNumberStatement(counter: Counter): Prisma.Sql {
  return Prisma.sql`INSERT INTO "Counter" (name, value) VALUES (${counter}, ${FIRST_NUMBER[counter]})
    ON CONFLICT (name) DO UPDATE SET value = "Counter".value + 1 RETURNING value`;
}

/** Takes a counter's next number inside the caller's (Prisma) transaction. */
export async function takeNextNumber(tx: Tx, counter: Counter): Promise<number> {
  const rows = await tx.$queryRaw<{ value: number }[]>(nextNumberStatement(counter));
  return Number(rows[0]!.value);
}
