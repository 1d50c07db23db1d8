import { z } from "zod";
import { isoDayExists } from "@/lib/policy/calendar-date";
import { storableText } from "@/lib/policy/storable-text";

// POST /api/v1/events: sign-in events other OCN services send with an organization's API key.
// A batch is taken whole or not at all; each problem names the event's index and its field.

export const INGESTION_MAX_EVENTS = 1000;
export const INGESTION_MAX_BYTES = 1024 * 1024;
/** How far ahead of the server's clock an event may claim to be (clocks drift). */
export const INGESTION_FUTURE_SKEW_MS = 5 * 60_000;
export const INGESTION_USER_AGENT_MAX = 512;

/** The OCN services that send sign-in events. */
export const INGESTION_SOURCES = ["mail", "mypage", "ocn_app", "webmail", "sso", "vpn"] as const;
export type IngestionSource = (typeof INGESTION_SOURCES)[number];

/** Why a sign-in failed, as the sign-in pipeline words it; other services use the same words. */
export const SIGN_IN_FAILURE_REASONS = [
  "unknown_id",
  "bad_password",
  "locked",
  "disabled",
  "suspended",
  "invited",
  "ip_not_allowed",
  "mfa_failed",
  "challenge_expired",
  "too_many_failures",
] as const;

const NOT_STORABLE = "must not contain NUL (\\u0000) or half of a surrogate pair";

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** One event; `now` bounds occurredAt (not more than INGESTION_FUTURE_SKEW_MS ahead). */
export function ingestionEventSchema(now: Date) {
  return z
    .object({
      id: z
        .string({ error: "required: the source's own event id" })
        .min(1, "must not be empty")
        .max(128, "must be at most 128 characters")
        .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces"),
      occurredAt: z
        .string({ error: "required: an ISO 8601 time with its offset" })
        .regex(ISO_WITH_OFFSET, "must be an ISO 8601 time with an offset, e.g. 2026-11-27T09:30:00+09:00")
        .transform((s, ctx) => {
          const ms = Date.parse(s);
          if (!Number.isFinite(ms) || !isoDayExists(s)) {
            ctx.addIssue({ code: "custom", message: "is not a real date and time" });
            return z.NEVER;
          }
          if (ms > now.getTime() + INGESTION_FUTURE_SKEW_MS) {
            ctx.addIssue({ code: "custom", message: "is more than 5 minutes in the future" });
            return z.NEVER;
          }
          return new Date(ms);
        }),
      source: z.enum(INGESTION_SOURCES, { error: `must be one of ${INGESTION_SOURCES.join(", ")}` }),
      loginId: z
        .string({ error: "required: the OCN ID that signed in" })
        .transform((s) => s.normalize("NFKC").trim().toLowerCase())
        .pipe(z.string().min(1, "must not be empty").max(254, "must be at most 254 characters").refine(storableText, NOT_STORABLE)),
      outcome: z.enum(["success", "failure"], { error: "must be success or failure" }),
      reason: z.enum(SIGN_IN_FAILURE_REASONS, { error: `must be one of ${SIGN_IN_FAILURE_REASONS.join(", ")}` }).optional(),
      ip: z.union([z.ipv4(), z.ipv6()], { error: "must be an IPv4 or IPv6 address" }),
      country: z
        .string()
        .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as JP")
        .transform((s) => s.toUpperCase())
        .optional(),
      userAgent: z
        .string()
        .refine(storableText, NOT_STORABLE)
        // Cut by UTF-16 units: never through the middle of a surrogate pair (an emoji), which jsonb would refuse.
        .transform((s) => s.slice(0, INGESTION_USER_AGENT_MAX).replace(/[\uD800-\uDBFF]$/, ""))
        .optional(),
    })
    .superRefine((e, ctx) => {
      if (e.outcome === "success" && e.reason !== undefined) ctx.addIssue({ code: "custom", path: ["reason"], message: "is only for failures" });
    });
}
export type IngestionEvent = z.output<ReturnType<typeof ingestionEventSchema>>;

/** Problems of one batch, each with the event's index and the field (null: the batch as a whole). */
export interface IngestionIssue {
  index: number | null;
  field: string | null;
  message: string;
}

export type ParsedBatch = { ok: true; events: IngestionEvent[] } | { ok: false; errors: IngestionIssue[] };

export function parseIngestionBatch(body: unknown, now: Date): ParsedBatch {
  if (!body || typeof body !== "object" || !Array.isArray((body as { events?: unknown }).events)) {
    return { ok: false, errors: [{ index: null, field: "events", message: "The body must be a JSON object with an \"events\" array." }] };
  }
  const raw = (body as { events: unknown[] }).events;
  if (raw.length === 0 || raw.length > INGESTION_MAX_EVENTS) {
    return { ok: false, errors: [{ index: null, field: "events", message: `Send 1 to ${INGESTION_MAX_EVENTS} events per batch (this one has ${raw.length}).` }] };
  }
  const schema = ingestionEventSchema(now);
  const events: IngestionEvent[] = [];
  const errors: IngestionIssue[] = [];
  raw.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) events.push(parsed.data);
    else for (const issue of parsed.error.issues) errors.push({ index, field: issue.path.map(String).join(".") || null, message: issue.message });
  });
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, 100) } : { ok: true, events };
}
