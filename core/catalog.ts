/**
 * The product catalog: the vendor's models, their aliases and serial formats.
 * Everything model-specific (triage entity recognition, registration, documentation tags)
 * comes from here, so a different catalog file changes the product line without code changes.
 * The format is the one of `eval/catalog.json`; extra optional fields are tolerated.
 */
import { readFileSync } from "node:fs";
import { projectFile } from "./project-files.ts";
import { z } from "zod";

export const productModelSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    family: z.string().min(1),
    serial_prefix: z.string().regex(/^[A-Z0-9]{2,6}$/, "serial_prefix must be 2-6 upper-case letters or digits"),
  })
  .passthrough();

export const catalogSchema = z
  .object({
    vendor: z.string().min(1),
    serial_format: z.string().optional(),
    models: z.array(productModelSchema).min(1),
  })
  .passthrough()
  .superRefine((catalog, ctx) => {
    const ids = new Set<string>();
    const prefixes = new Set<string>();
    catalog.models.forEach((model, index) => {
      if (ids.has(model.id)) ctx.addIssue({ code: "custom", path: ["models", index, "id"], message: `duplicate model id ${model.id}` });
      if (prefixes.has(model.serial_prefix))
        ctx.addIssue({
          code: "custom",
          path: ["models", index, "serial_prefix"],
          message: `duplicate serial prefix ${model.serial_prefix}`,
        });
      ids.add(model.id);
      prefixes.add(model.serial_prefix);
    });
  });

export type ProductModelEntry = z.infer<typeof productModelSchema>;
export type Catalog = z.infer<typeof catalogSchema>;

/** A catalog that failed validation; the message names the file and the first problems. */
export class CatalogError extends Error {
  override readonly name = "CatalogError";
}

/** Parses catalog JSON (already decoded) and validates it. */
export function parseCatalog(data: unknown, source = "catalog"): Catalog {
  const result = catalogSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new CatalogError(`${source} is not a valid product catalog: ${problems.join("; ")}`);
  }
  return result.data;
}

/** Reads and validates a catalog file. */
export function loadCatalog(file: string): Catalog {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CatalogError(`cannot read the product catalog ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseCatalog(data, file);
}

/** The demo catalog shipped with the project, used when CATALOG_FILE is not set. */
export const DEMO_CATALOG_FILE = projectFile("demo/catalog.json");

/** Formats a serial in its canonical form, e.g. `NB5-2231987`. */
export function canonicalSerial(prefix: string, digits: string): string {
  return `${prefix.toUpperCase()}-${digits}`;
}

/** Looks up the model whose serial prefix starts the given canonical serial. */
export function modelForSerial(catalog: Catalog, serial: string): ProductModelEntry | undefined {
  const prefix = serial.split("-")[0]?.toUpperCase();
  return catalog.models.find((model) => model.serial_prefix === prefix);
}
