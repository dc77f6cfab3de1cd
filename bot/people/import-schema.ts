/**
 * The import file format (`npm run import -- <file.json>`): organizations with their contracts,
 * sites, people (and their Slack/Teams identities), devices and channels; the vendor's own
 * engineers and channels; cloud partners. Keys are stable ids chosen by the operator, so
 * importing the same file twice changes nothing.
 */
import { z } from "zod";
import { ROLES } from "../../core/vocabulary.ts";

/** A stable id chosen by the operator (also the keys of the service data file, bot/replacements). */
export const key = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, "must be 1-64 letters, digits, dots, dashes or underscores");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, "must be a date like 2026-01-31");
/** An IANA time zone name that this runtime knows. */
export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/Madrid");
/** An ISO 3166 alpha-2 country code. */
export const country = z.string().regex(/^[A-Z]{2}$/, "must be an ISO country code such as ES");

const identities = z
  .object({ slack: z.string().min(1).optional(), teams: z.string().min(1).optional(), shell: z.string().min(1).optional() })
  .strict()
  .default({});

const person = z
  .object({
    key,
    name: z.string().min(1).max(200),
    email: z.string().email().optional(),
    role: z.enum(ROLES),
    locale: z.enum(["en", "es"]).optional(),
    timeZone: timeZone.optional(),
    /** The key of the site the person works at (customer people only): its zone is theirs. */
    site: key.optional(),
    skills: z.array(z.string()).default([]),
    identities,
  })
  .strict();

const channel = z
  .object({
    purpose: z.enum(["engineers", "managers", "service_management", "admins"]),
    platform: z.enum(["slack", "teams", "shell"]),
    conversationId: z.string().min(1),
    threadId: z.string().optional(),
    extra: z.record(z.string()).optional(),
  })
  .strict();

export const importFileSchema = z
  .object({
    version: z.literal(1),
    partners: z
      .array(
        z
          .object({
            id: key,
            name: z.string().min(1),
            connector: z.enum(["webhook", "thread"]).default("thread"),
            joinMode: z.enum(["slack_connect", "teams_shared", "ticket_system"]).default("slack_connect"),
            endpointUrl: z.string().url().optional(),
            people: z.array(person).default([]),
          })
          .strict(),
      )
      .default([]),
    vendor: z
      .object({ people: z.array(person).default([]), channels: z.array(channel).default([]) })
      .strict()
      .default({}),
    organizations: z
      .array(
        z
          .object({
            key,
            name: z.string().min(1).max(200),
            locale: z.enum(["en", "es"]).default("en"),
            slackTeamId: z.string().optional(),
            teamsTenantId: z.string().optional(),
            /** Tenants of other chat platforms, by platform name (`slackTeamId`/`teamsTenantId` win for theirs). */
            tenants: z.record(z.string().min(1), z.string().min(1)).optional(),
            reseller: z.object({ name: z.string(), contact: z.string().optional() }).strict().optional(),
            contracts: z
              .array(
                z
                  .object({
                    key,
                    plan: z.string().min(1),
                    coverage: z.enum(["24x7", "business_hours"]),
                    timeZone,
                    holidayCountry: country,
                    holidayRegion: z.string().optional(),
                    businessHours: z
                      .string()
                      .regex(/^[A-Z][a-z]{2}-[A-Z][a-z]{2} \d{2}:\d{2}-\d{2}:\d{2}$/, 'must look like "Mon-Fri 09:00-18:00"')
                      .optional(),
                    startsOn: isoDate,
                    endsOn: isoDate,
                    coveredFamilies: z.array(z.string()).default([]),
                    onsiteOption: z.boolean().default(false),
                    servicesDiscount: z.number().int().min(0).max(100).default(0),
                  })
                  .strict(),
              )
              .default([]),
            sites: z
              .array(
                z
                  .object({
                    key,
                    name: z.string().min(1),
                    city: z.string().optional(),
                    country,
                    region: z.string().optional(),
                    timeZone,
                    address: z.string().optional(),
                    aliases: z.array(z.string()).default([]),
                  })
                  .strict(),
              )
              .default([]),
            people: z.array(person).default([]),
            devices: z
              .array(
                z
                  .object({
                    serial: z.string().regex(/^[A-Z0-9]{2,6}-\d{7}$/, "must be a serial like NB5-2231987"),
                    model: z.string().min(1),
                    site: key.optional(),
                    assetTag: z.string().optional(),
                    firmwareVersion: z.string().optional(),
                  })
                  .strict(),
              )
              .default([]),
            channels: z.array(channel).default([]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type ImportFile = z.infer<typeof importFileSchema>;
export type ImportPerson = z.infer<typeof person>;
export type ImportChannel = z.infer<typeof channel>;
