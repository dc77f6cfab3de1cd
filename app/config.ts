/**
 * Configuration: read once from the environment (and `.env`), validated with zod, and passed
 * down as a typed `Config`. Nothing below `main` reads `process.env`. A wrong value stops the
 * start with one line per problem, each naming the variable to fix.
 */
import { existsSync, statSync } from "node:fs";
import { z } from "zod";

export type Env = Record<string, string | undefined>;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const optionalUrl = (what: string) => z.preprocess(blankToUndefined, z.string().url(`must be a URL (${what})`).optional());
const booleanFlag = (fallback: boolean) =>
  z
    .preprocess(blankToUndefined, z.enum(["true", "false", "1", "0", "yes", "no"]).optional())
    .transform((value) => (value === undefined ? fallback : ["true", "1", "yes"].includes(value)));

const seconds = (fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().positive("must be a number of seconds above 0").max(86_400).default(fallback));

/** A duration such as "24h", "90m", "45s" or "2d"; a bare number is seconds. */
const duration = (fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d+(\.\d+)?(s|m|h|d)?$/, 'must be a duration such as "24h", "90m", "3600s" or "2d"')
      .default(fallback)
      .transform((value) => {
        const unit = value.replace(/^[\d.]+/, "") || "s";
        return Number(value.replace(/[smhd]$/, "")) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as "s"];
      })
      .refine((ms) => ms > 0, "must be above 0"),
  );

const envSchema = z
  .object({
    PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65_535).default(3978)),
    HOST: z.preprocess(blankToUndefined, z.string().default("0.0.0.0")),
    DATABASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
        .default("file:./data/switchboard.db"),
    ),
    // A PostgreSQL that accepts connections but never answers would otherwise hang the start.
    DATABASE_CONNECT_TIMEOUT_SECONDS: seconds(10),
    REDIS_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
        .optional(),
    ),
    // Scaled mode (docs/scaling.md): the prefix of Redis channels, so deployments or test runs
    // can share one Redis; how long a replica owns work before another may take it over; how
    // often each replica looks for deliveries a dead replica left unfinished.
    REDIS_PREFIX: z.preprocess(blankToUndefined, z.string().max(100).default("switchboard:")),
    INBOUND_LEASE_SECONDS: seconds(60),
    OUTBOX_LEASE_SECONDS: seconds(30),
    RESUME_INTERVAL_SECONDS: seconds(15),
    // How long the outbox keeps retrying a message before giving up on it (README, "Undelivered messages").
    OUTBOX_GIVE_UP_AFTER: duration("24h"),
    // A poison event (one whose handling fails or hangs every time) is quarantined after this
    // many attempts; each resumed attempt may take this long before the sweep moves on.
    INBOUND_MAX_ATTEMPTS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1, "must be at least 1").max(100).default(5)),
    INBOUND_REPLAY_TIMEOUT_SECONDS: seconds(30),
    // Embedded mode: the SQLite write-ahead log is truncated when it grows past this size.
    SQLITE_WAL_LIMIT_MB: z.preprocess(
      blankToUndefined,
      z.coerce.number().positive("must be a number of megabytes above 0").max(10_000).default(64),
    ),
    SLACK_BOT_TOKEN: z.preprocess(blankToUndefined, z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional()),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: z.preprocess(blankToUndefined, z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional()),
    SLACK_API_URL: optionalUrl("the Slack Web API base, e.g. https://slack.com/api/"),
    MICROSOFT_APP_ID: optionalString,
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TENANT_ID: optionalString,
    MICROSOFT_APP_TYPE: z.preprocess(blankToUndefined, z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional()),
    MICROSOFT_OPENID_METADATA_URL: optionalUrl("the OpenID metadata document Bot Framework tokens are checked against"),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl("an OpenAI-compatible API base, e.g. http://127.0.0.1:8000/v1"),
    OPENAI_MODEL: z.preprocess(blankToUndefined, z.string().default("gpt-4o-mini")),
    OPENAI_EMBEDDING_MODEL: optionalString,
    KNOWLEDGE_DIR: optionalString,
    CATALOG_FILE: optionalString,
    DEVICE_WEBHOOK_SECRET: optionalString,
    PARTNER_WEBHOOK_SECRET: optionalString,
    NETWORK_CHECK_FILE: optionalString,
    DOCUMENTS_FILE: optionalString,
    // Metrics (README "Security"): a separate port, on loopback unless METRICS_HOST says otherwise,
    // and/or a bearer token that opens GET /metrics on the main port.
    METRICS_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65_535).optional()),
    METRICS_HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
    METRICS_TOKEN: z.preprocess(blankToUndefined, z.string().min(16, "must be at least 16 characters").optional()),
    LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
    LOG_FILE: optionalString,
    SEED_DEMO_DATA: booleanFlag(true),
    ESCALATION_POLICIES_FILE: optionalString,
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET)
      issue("SLACK_SIGNING_SECRET", "is required with SLACK_BOT_TOKEN for the HTTP Events API (or set SLACK_APP_TOKEN for Socket Mode)");
    if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN)
      issue("SLACK_BOT_TOKEN", "is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set");
    if (env.MICROSOFT_APP_ID && env.MICROSOFT_APP_TYPE !== "UserAssignedMSI" && !env.MICROSOFT_APP_PASSWORD)
      issue("MICROSOFT_APP_PASSWORD", "is required with MICROSOFT_APP_ID (unless MICROSOFT_APP_TYPE=UserAssignedMSI)");
    // SingleTenant is the default: Azure no longer creates multi-tenant bots.
    if (env.MICROSOFT_APP_ID && (env.MICROSOFT_APP_TYPE ?? "SingleTenant") === "SingleTenant" && !env.MICROSOFT_APP_TENANT_ID)
      issue(
        "MICROSOFT_APP_TENANT_ID",
        "is required for a SingleTenant bot, the default MICROSOFT_APP_TYPE (set MICROSOFT_APP_TYPE=MultiTenant for an older multi-tenant bot)",
      );
    if (env.OPENAI_BASE_URL && !env.OPENAI_API_KEY)
      issue("OPENAI_API_KEY", "is required when OPENAI_BASE_URL is set (use any non-empty value for servers without keys)");
    if (env.KNOWLEDGE_DIR && !(existsSync(env.KNOWLEDGE_DIR) && statSync(env.KNOWLEDGE_DIR).isDirectory()))
      issue("KNOWLEDGE_DIR", `is not a folder: ${env.KNOWLEDGE_DIR}`);
    if (env.CATALOG_FILE && !existsSync(env.CATALOG_FILE)) issue("CATALOG_FILE", `does not exist: ${env.CATALOG_FILE}`);
    if (env.NETWORK_CHECK_FILE && !existsSync(env.NETWORK_CHECK_FILE))
      issue("NETWORK_CHECK_FILE", `does not exist: ${env.NETWORK_CHECK_FILE}`);
    if (env.DOCUMENTS_FILE && !existsSync(env.DOCUMENTS_FILE)) issue("DOCUMENTS_FILE", `does not exist: ${env.DOCUMENTS_FILE}`);
    if (env.ESCALATION_POLICIES_FILE && !existsSync(env.ESCALATION_POLICIES_FILE))
      issue("ESCALATION_POLICIES_FILE", `does not exist: ${env.ESCALATION_POLICIES_FILE}`);
  });

/** Per-partner webhook secrets: `PARTNER_WEBHOOK_SECRET_<PARTNER>` (see `partnerSecretName`). */
const PARTNER_SECRET_PREFIX = "PARTNER_WEBHOOK_SECRET_";

/**
 * The variable holding a partner's own webhook secret: its id upper-cased, every character other
 * than A-Z and 0-9 as `_` (partner `microsoft` → PARTNER_WEBHOOK_SECRET_MICROSOFT).
 */
export function partnerSecretName(partnerId: string): string {
  return `${PARTNER_SECRET_PREFIX}${partnerId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

const partnerSecretsSchema = z
  .record(z.string(), z.preprocess(blankToUndefined, z.string().optional()))
  .transform((vars) => Object.fromEntries(Object.entries(vars).filter((entry): entry is [string, string] => entry[1] !== undefined)))
  .superRefine((vars, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const owners = new Map<string, string>();
    for (const [name, secret] of Object.entries(vars)) {
      if (!/^[A-Z0-9_]+$/.test(name.slice(PARTNER_SECRET_PREFIX.length)))
        issue(
          name,
          "must be PARTNER_WEBHOOK_SECRET_ followed by the partner id in capitals, other characters as _ (e.g. PARTNER_WEBHOOK_SECRET_MICROSOFT)",
        );
      // A secret two partners know lets each sign for the other: the point of per-partner secrets.
      const other = owners.get(secret);
      if (other) issue(name, `must differ from ${other} (each partner needs a secret of its own)`);
      owners.set(secret, name);
    }
  });

/** The validated configuration every component receives. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** How long a database connection attempt may take (DATABASE_CONNECT_TIMEOUT_SECONDS). */
  databaseConnectTimeoutMs: number;
  redisUrl: string | undefined;
  /** Scaled mode: Redis channel prefix, leases and the resume sweep (docs/scaling.md). */
  scaling: { redisPrefix: string; inboundLeaseMs: number; outboxLeaseMs: number; resumeIntervalMs: number };
  /** How long an undelivered message is retried before it is given up (OUTBOX_GIVE_UP_AFTER). */
  outboxGiveUpAfterMs: number;
  /** Inbound events: attempts before quarantine, time budget of one resumed attempt. */
  inbound: { maxAttempts: number; replayTimeoutMs: number };
  /** Embedded mode: size at which the SQLite write-ahead log is truncated (bytes). */
  sqliteWalLimitBytes: number;
  slack: { botToken: string; signingSecret: string | undefined; appToken: string | undefined; apiUrl: string | undefined } | undefined;
  teams: {
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    appType: string;
    /** Where inbound tokens' signing keys are published; Microsoft's public cloud when unset. */
    openIdMetadataUrl: string | undefined;
  };
  llm: { apiKey: string; baseURL: string | undefined; model: string; embeddingModel: string | undefined } | undefined;
  knowledgeDir: string | undefined;
  catalogFile: string | undefined;
  deviceWebhookSecret: string | undefined;
  /** PARTNER_WEBHOOK_SECRET: the fallback for partners without a secret of their own. */
  partnerWebhookSecret: string | undefined;
  /** Partners' own secrets by variable name (`partnerSecretName(id)`); each one replaces the fallback. */
  partnerWebhookSecrets: Record<string, string>;
  /** The network check's endpoint list (JSON); the demo list when unset. */
  networkCheckFile: string | undefined;
  /** Each model's document set (JSON, bot/portal/documents/sets.ts); the demo file when unset. */
  documentsFile: string | undefined;
  /** Where GET /metrics is served: its own port (loopback by default), and/or the main port with a bearer token. */
  metrics: { port: number | undefined; host: string; token: string | undefined };
  logLevel: string;
  /** LOG_FILE: where logs go instead of the terminal; in the shell `data/switchboard.log` when unset. */
  logFile: string | undefined;
  seedDemoData: boolean;
  escalationPoliciesFile: string | undefined;
}

/** A configuration that cannot start; `problems` has one line per variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Validates the environment and returns the typed configuration, or throws ConfigError. */
export function readConfig(env: Env): Config {
  const parsed = envSchema.safeParse(env);
  const partnerSecrets = partnerSecretsSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith(PARTNER_SECRET_PREFIX))),
  );
  if (!parsed.success || !partnerSecrets.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(partnerSecrets.error?.issues ?? [])];
    throw new ConfigError(issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseConnectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000,
    redisUrl: e.REDIS_URL,
    scaling: {
      redisPrefix: e.REDIS_PREFIX,
      inboundLeaseMs: e.INBOUND_LEASE_SECONDS * 1000,
      outboxLeaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
      resumeIntervalMs: e.RESUME_INTERVAL_SECONDS * 1000,
    },
    outboxGiveUpAfterMs: e.OUTBOX_GIVE_UP_AFTER,
    inbound: { maxAttempts: e.INBOUND_MAX_ATTEMPTS, replayTimeoutMs: e.INBOUND_REPLAY_TIMEOUT_SECONDS * 1000 },
    sqliteWalLimitBytes: e.SQLITE_WAL_LIMIT_MB * 1024 * 1024,
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
      : undefined,
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      // Without an app id authentication is off, and botbuilder refuses SingleTenant with no app id.
      appType: e.MICROSOFT_APP_TYPE ?? (e.MICROSOFT_APP_ID ? "SingleTenant" : "MultiTenant"),
      openIdMetadataUrl: e.MICROSOFT_OPENID_METADATA_URL,
    },
    llm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, embeddingModel: e.OPENAI_EMBEDDING_MODEL }
      : undefined,
    knowledgeDir: e.KNOWLEDGE_DIR,
    catalogFile: e.CATALOG_FILE,
    deviceWebhookSecret: e.DEVICE_WEBHOOK_SECRET,
    partnerWebhookSecret: e.PARTNER_WEBHOOK_SECRET,
    partnerWebhookSecrets: partnerSecrets.data,
    networkCheckFile: e.NETWORK_CHECK_FILE,
    documentsFile: e.DOCUMENTS_FILE,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST, token: e.METRICS_TOKEN },
    logLevel: e.LOG_LEVEL,
    logFile: e.LOG_FILE,
    seedDemoData: e.SEED_DEMO_DATA,
    escalationPoliciesFile: e.ESCALATION_POLICIES_FILE,
  };
}
