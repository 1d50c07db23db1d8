import { z } from "zod";
import { parseJstBound } from "./audit";

export const ALERT_KINDS = ["repeated_failures", "password_spray", "failure_spike", "off_hours_sign_in", "foreign_sign_in", "impossible_travel", "sign_in_reported"] as const;
export const ALERT_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const ALERT_STATUSES = ["open", "acknowledged", "resolved", "false_positive"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** The status filter: one status, "active" (open and acknowledged: what still needs someone) or "all". */
export const ALERT_STATUS_FILTERS = ["active", ...ALERT_STATUSES, "all"] as const;
export const ALERT_PAGE_SIZES = [25, 50, 100] as const;

/** Which statuses each workflow step starts from; anything else is refused with `invalid_transition`. */
export const ALERT_TRANSITIONS = {
  acknowledge: ["open"],
  resolve: ["open", "acknowledged"],
  falsePositive: ["open", "acknowledged"],
  reopen: ["resolved", "false_positive"],
} as const satisfies Record<string, readonly AlertStatus[]>;
export type AlertTransition = keyof typeof ALERT_TRANSITIONS;

export const alertTransitionsFrom = (status: AlertStatus): AlertTransition[] =>
  (Object.keys(ALERT_TRANSITIONS) as AlertTransition[]).filter((k) => (ALERT_TRANSITIONS[k] as readonly string[]).includes(status));

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "invalid");

const bound = (which: "from" | "to") =>
  z
    .string()
    .transform((s) => (parseJstBound(s, which) ? s.normalize("NFKC").trim() : undefined))
    .optional()
    .catch(undefined);

/** The list's filters as they come from the URL; an unusable value falls back to its default. */
export const listAlertsSchema = z.object({
  status: z.enum(ALERT_STATUS_FILTERS).default("active").catch("active"),
  severity: z.enum(ALERT_SEVERITIES).optional().catch(undefined),
  kind: z.enum(ALERT_KINDS).optional().catch(undefined),
  /** "me", "unassigned" or an account id. */
  assignee: z
    .union([z.enum(["me", "unassigned"]), uuid])
    .optional()
    .catch(undefined),
  q: z
    .string()
    .transform((s) => s.normalize("NFKC").trim().slice(0, 100))
    .transform((s) => (s === "" ? undefined : s))
    .optional()
    .catch(undefined),
  /** JST dates or times (as the audit log takes them): alerts seen at any time within the range. */
  from: bound("from"),
  to: bound("to"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (ALERT_PAGE_SIZES as readonly number[]).includes(n))
    .default(50)
    .catch(50),
});
export type ListAlertsInput = Partial<Record<keyof z.output<typeof listAlertsSchema>, string | number>>;
export type ListAlertsQuery = z.output<typeof listAlertsSchema>;

export const alertIdSchema = z.object({ id: uuid });

/** The status the person saw when they chose the step: if it has moved since, the step is refused (`alert_changed`). */
const expectedStatus = z.enum(ALERT_STATUSES);

const requiredText = (max: number) =>
  z
    .string({ error: "required" })
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().min(1, "required").max(max, "too_long"));

export const acknowledgeAlertSchema = z.object({ id: uuid, expectedStatus });
export const resolveAlertSchema = z.object({
  id: uuid,
  expectedStatus,
  resolution: requiredText(1000),
});
export const markAlertFalsePositiveSchema = z.object({
  id: uuid,
  expectedStatus,
  reason: requiredText(1000),
});
export const reopenAlertSchema = z.object({
  id: uuid,
  expectedStatus,
  reason: requiredText(1000),
});
export const assignAlertSchema = z.object({
  id: uuid,
  /** Empty: take the alert off whoever holds it. */
  assigneeId: z.union([uuid, z.literal("").transform(() => null), z.null()]),
});
export const commentOnAlertSchema = z.object({
  id: uuid,
  body: requiredText(2000),
});

export type AcknowledgeAlertInput = z.input<typeof acknowledgeAlertSchema>;
export type ResolveAlertInput = z.input<typeof resolveAlertSchema>;
export type MarkAlertFalsePositiveInput = z.input<typeof markAlertFalsePositiveSchema>;
export type ReopenAlertInput = z.input<typeof reopenAlertSchema>;
export type AssignAlertInput = z.input<typeof assignAlertSchema>;
export type CommentOnAlertInput = z.input<typeof commentOnAlertSchema>;
