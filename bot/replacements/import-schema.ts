/**
 * The service data file (`npm run import:service -- <file.json|file.csv …>`): depots, the lanes
 * that say which depot ships to which country, parts, stock, the onsite coverage table and the
 * technicians. Keys are chosen by the operator, so importing the same file twice changes nothing.
 * The format is documented in bot/replacements/README.md.
 */
import Holidays from "date-holidays";
import { z } from "zod";
import { country, key, timeZone } from "../people/import-schema.ts";
import { PART_CATEGORIES } from "./parts/query.ts";

const holidayCountry = country.refine(
  (code) => Object.hasOwn(new Holidays().getCountries("en") ?? {}, code),
  "has no public-holiday calendar (use the depot's ISO country code)",
);
const days = z.string().regex(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun)$/, 'must look like "Mon-Fri"');
const hours = z
  .string()
  .regex(
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
    'must look like "Mon-Fri 09:00-18:00"',
  );
const count = z.number({ invalid_type_error: "must be a whole number" }).int("must be a whole number").min(0, "must be 0 or more");

export const depotSchema = z
  .object({
    key,
    name: z.string().min(1).max(120),
    country,
    timeZone,
    holidayCountry,
    holidayRegion: z.string().max(10).optional(),
    shipDays: days.default("Mon-Fri"),
    cutoff: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time like "16:00"')
      .default("16:00"),
    returnDays: count.max(90).default(10),
  })
  .strict();

export const laneSchema = z
  .object({ depot: key, country, priority: count.min(1).max(99).default(1), transitDays: count.min(1).max(10).default(1) })
  .strict();

export const partSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,40}$/, "must be 2-41 letters, digits, dots, dashes or underscores"),
    name: z.string().min(1).max(160),
    nameEs: z.string().min(1).max(160).optional(),
    kind: z.enum(["unit", "fru"]),
    category: z.enum(PART_CATEGORIES),
    models: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** A calendar day that exists ("2026-02-30" is refused). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-03-16")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: "is not a day of the calendar",
  });

export const stockSchema = z
  .object({ depot: key, part: z.string().min(1), onHand: count, lowAt: count.default(1), restockOn: day.optional() })
  .strict();

export const onsiteSchema = z
  .object({
    country,
    region: z.string().max(10).default(""),
    families: z.array(z.string().min(1)).default([]),
    fee: z
      .number({ invalid_type_error: "must be an amount like 250 or 249.50" })
      .min(0)
      .refine((fee) => Math.abs(fee * 100 - Math.round(fee * 100)) < 1e-6, "must have at most two decimals"),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO currency code such as EUR"),
    hours: hours.default("Mon-Fri 09:00-18:00"),
  })
  .strict();

export const technicianSchema = z
  .object({
    key,
    name: z.string().min(1).max(120),
    phone: z.string().max(40).optional(),
    email: z.string().email().optional(),
    areas: z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a country ("ES") or a country and region ("ES-MD")')).min(1),
    locale: z.enum(["en", "es"]).default("en"),
    notify: z
      .object({ platform: z.enum(["slack", "teams", "shell"]), conversationId: z.string().min(1) })
      .strict()
      .optional(),
    active: z.boolean().default(true),
  })
  .strict();

export const serviceFileSchema = z
  .object({
    version: z.literal(1),
    depots: z.array(depotSchema).default([]),
    lanes: z.array(laneSchema).default([]),
    parts: z.array(partSchema).default([]),
    stock: z.array(stockSchema).default([]),
    onsite: z.array(onsiteSchema).default([]),
    technicians: z.array(technicianSchema).default([]),
  })
  .strict();

export type ServiceFile = z.infer<typeof serviceFileSchema>;
export type ServiceTable = Exclude<keyof ServiceFile, "version">;

/** Per table: its row schema, the CSV columns it requires and those it allows, list columns. */
export const TABLES: Record<
  ServiceTable,
  { schema: z.ZodTypeAny; required: string[]; allowed: string[]; lists?: string[]; numbers?: string[]; booleans?: string[] }
> = {
  depots: {
    schema: depotSchema,
    required: ["key", "name", "country", "timeZone", "holidayCountry"],
    allowed: ["key", "name", "country", "timeZone", "holidayCountry", "holidayRegion", "shipDays", "cutoff", "returnDays"],
    numbers: ["returnDays"],
  },
  lanes: {
    schema: laneSchema,
    required: ["depot", "country"],
    allowed: ["depot", "country", "priority", "transitDays"],
    numbers: ["priority", "transitDays"],
  },
  parts: {
    schema: partSchema,
    required: ["code", "name", "kind", "category"],
    allowed: ["code", "name", "nameEs", "kind", "category", "models"],
    lists: ["models"],
  },
  stock: {
    schema: stockSchema,
    required: ["depot", "part", "onHand"],
    allowed: ["depot", "part", "onHand", "lowAt", "restockOn"],
    numbers: ["onHand", "lowAt"],
  },
  onsite: {
    schema: onsiteSchema,
    required: ["country", "fee", "currency"],
    allowed: ["country", "region", "families", "fee", "currency", "hours"],
    lists: ["families"],
    numbers: ["fee"],
  },
  technicians: {
    schema: technicianSchema,
    required: ["key", "name", "areas"],
    allowed: ["key", "name", "phone", "email", "areas", "locale", "platform", "conversationId", "active"],
    lists: ["areas"],
    booleans: ["active"],
  },
};
