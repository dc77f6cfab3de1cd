/**
 * The device-status webhook's payload (POST /webhooks/device-status; see bot/portal/README.md):
 * one event, or `{"events": [...]}` with up to 1,000. Unknown fields are ignored so that a sender
 * can add some without breaking; known fields are checked strictly.
 */
import { z } from "zod";

/** What a device can report. */
export const DEVICE_EVENT_TYPES = ["offline", "online", "error", "update_failed", "peripheral_missing"] as const;
export type DeviceEventType = (typeof DEVICE_EVENT_TYPES)[number];
export type DeviceEventSeverity = "critical" | "warning" | "info";

/** Most events one request may carry. */
export const MAX_EVENTS_PER_REQUEST = 1_000;

/** One event; unknown fields are dropped, known ones checked with messages that name the fix. */
export const deviceEventSchema = z.object({
  /** The sender's unique event id: a repeat of the same id is processed once. */
  id: z.string().min(1, "is required").max(200, "is longer than 200 characters"),
  type: z.enum(DEVICE_EVENT_TYPES, { errorMap: () => ({ message: `must be one of ${DEVICE_EVENT_TYPES.join(", ")}` }) }),
  serial: z.string().min(1, "is required").max(64),
  occurredAt: z.string().datetime({ offset: true, message: "must be an ISO 8601 time such as 2026-01-05T09:00:00Z" }),
  severity: z.enum(["critical", "warning", "info"], { errorMap: () => ({ message: "must be critical, warning or info" }) }).optional(),
  detail: z.string().max(500, "is longer than 500 characters").optional(),
  peripheral: z.string().max(100).optional(),
  /** The firmware the device runs now (e.g. reported with `online` after an update). */
  firmware: z
    .string()
    .regex(/^\d{1,5}(\.\d{1,5}){0,3}$/, "must be a version like 4.2.0")
    .optional(),
});
export type DeviceEvent = z.infer<typeof deviceEventSchema>;

/** The severity of an event: the sender's, or the default of its type. */
export function severityOf(event: Pick<DeviceEvent, "type" | "severity">): DeviceEventSeverity {
  if (event.severity) return event.severity;
  return event.type === "error" ? "critical" : event.type === "online" ? "info" : "warning";
}

/** The problems of an invalid event, each naming its field ("serial: is required"). */
export function eventProblems(error: z.ZodError, prefix = ""): string[] {
  return error.issues.map(
    (issue) => `${prefix}${issue.path.join(".") || "(event)"}: ${issue.message === "Required" ? "is required" : issue.message}`,
  );
}
