/**
 * A provider-neutral description of a database's structure (tables, columns, indexes, foreign
 * keys), read from the catalog, so two databases built different ways can be compared.
 */
import Sqlite from "better-sqlite3";
import pg from "pg";
import { sqliteFile } from "../../db/client.ts";

export async function describeSchema(url: string): Promise<string[]> {
  return url.startsWith("file:") ? describeSqlite(sqliteFile(url)) : describePostgres(url);
}

function describeSqlite(file: string): string[] {
  const db = new Sqlite(file, { readonly: true });
  try {
    const lines: string[] = [];
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
      .all() as { name: string }[];
    for (const { name } of tables) {
      for (const c of db.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: unknown;
        pk: number;
      }[])
        lines.push(`column ${name}.${c.name} ${c.type} notnull=${c.notnull} default=${String(c.dflt_value)} pk=${c.pk}`);
      for (const i of db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[]) {
        const columns = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name).join(",");
        lines.push(`index ${name}(${columns}) unique=${i.unique}`);
      }
      for (const f of db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[])
        lines.push(`fk ${name}.${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete}`);
    }
    return lines.sort();
  } finally {
    db.close();
  }
}

async function describePostgres(url: string): Promise<string[]> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  parsed.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    const lines: string[] = [];
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = $1 AND table_name <> '_prisma_migrations'`,
      [schema],
    );
    const unqualify = (text: unknown) => String(text).replaceAll(`"${schema}".`, "").replaceAll(`${schema}.`, "");
    for (const c of columns.rows)
      lines.push(`column ${c.table_name}.${c.column_name} ${c.data_type} nullable=${c.is_nullable} default=${unqualify(c.column_default)}`);
    const indexes = await client.query(
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> '_prisma_migrations'`,
      [schema],
    );
    for (const i of indexes.rows)
      lines.push(`index ${i.tablename} ${String(i.indexdef).replaceAll(`"${schema}".`, "").replaceAll(`${schema}.`, "")}`);
    const constraints = await client.query(
      `SELECT c.conrelid::regclass::text AS tbl, c.contype, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
       JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1`,
      [schema],
    );
    for (const c of constraints.rows) {
      if (String(c.tbl).includes("_prisma_migrations")) continue;
      lines.push(
        `constraint ${String(c.tbl).replaceAll(`"${schema}".`, "").replaceAll(`${schema}.`, "")} ${c.contype} ${String(c.def).replaceAll(`"${schema}".`, "").replaceAll(`${schema}.`, "")}`,
      );
    }
    return lines.sort();
  } finally {
    await client.end();
  }
}
