import { z } from "zod";
import { parseJstDate } from "@/lib/policy/account-csv";
import { LINE_CHANGE_KINDS, normalizeMnpNumber } from "@/lib/policy/lines";
import { changeReason, flag, optionalText, requestReason, requiredText, uuid, wholeNumber } from "./requests";

// Lines (/lines): the list's URL state and the settings a line operator changes, directly or through a request.

export const LINE_STATUSES = ["active", "suspended", "pending_return", "returned", "cancelled", "ported_out"] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];
export const SIM_TYPES = ["physical", "esim"] as const;
export type SimType = (typeof SIM_TYPES)[number];

/** The plans the form offers; a line on another plan keeps it (the field takes any plan name). */
export const LINE_PLANS = ["OCNモバイル 3GB", "OCNモバイル 10GB", "OCNモバイル 20GB", "OCNモバイル 30GB"] as const;

export const LINE_LIMITS = {
  plan: 60,
  dataAllowanceGb: { min: 1, max: 1000 },
  costCenter: 100,
} as const;

export const LINES_PAGE_SIZE = 50;

const DIGITS_IN_NUMBER = [0, 1, 2, 4, 5, 6, 7, 9, 10, 11, 12];

/**
 * What a typed phone number can look like inside the stored 090-1234-5678 form: "09012345678", "1234-5678" and
 * "2345" each become the hyphenated pieces they can be, so a search needs neither the hyphens nor whole numbers.
 * Text that is not digits and hyphens is searched as typed.
 */
export function phoneSearchPatterns(text: string): string[] {
  const digits = text.replace(/[-\s]/g, "");
  if (!/^\d+$/.test(digits) || digits.length > 11) return [text];
  const patterns = new Set<string>();
  for (let start = 0; start + digits.length <= 11; start++) {
    const first = DIGITS_IN_NUMBER[start]!;
    const last = DIGITS_IN_NUMBER[start + digits.length - 1]!;
    const slots = Array.from({ length: last - first + 1 }, (_, i) => (DIGITS_IN_NUMBER.includes(first + i) ? "d" : "-"));
    let next = 0;
    patterns.add(slots.map((slot) => (slot === "d" ? digits[next++] : "-")).join(""));
  }
  return [...patterns];
}

/** An unusable value in the URL falls back to its default instead of failing the page. */
export const listLinesSchema = z.object({
  q: z
    .string()
    .transform((s) => s.normalize("NFKC").trim().slice(0, 100))
    .optional()
    .catch(undefined),
  status: z.enum(LINE_STATUSES).optional().catch(undefined),
  simType: z.enum(SIM_TYPES).optional().catch(undefined),
  holder: z.enum(["assigned", "unassigned"]).optional().catch(undefined),
  plan: z
    .string()
    .transform((s) => s.normalize("NFKC").trim().slice(0, LINE_LIMITS.plan) || undefined)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ListLinesInput = Partial<Record<keyof z.output<typeof listLinesSchema>, string | number>>;
export type ListLinesQuery = z.output<typeof listLinesSchema>;

export const lineIdSchema = z.object({ id: uuid });

/** A line's settings as the form sends them and a request stores them. */
export const lineSettingsSchema = z.object({
  plan: requiredText(LINE_LIMITS.plan),
  dataAllowanceGb: wholeNumber(LINE_LIMITS.dataAllowanceGb.min, LINE_LIMITS.dataAllowanceGb.max),
  internationalRoaming: flag,
  costCenter: optionalText(LINE_LIMITS.costCenter),
});
export type LineSettings = z.output<typeof lineSettingsSchema>;

/** lines:manage changes the settings at once; the reason is optional and goes to the audit log. */
export const updateLineSettingsSchema = lineSettingsSchema.extend({ id: uuid, reason: changeReason });
export type UpdateLineSettingsInput = z.input<typeof updateLineSettingsSchema>;

/** lines:request files the same change for someone with lines:manage to approve; the reason is required. */
export const requestLineSettingsChangeSchema = lineSettingsSchema.extend({ id: uuid, reason: requestReason });
export type RequestLineSettingsChangeInput = z.input<typeof requestLineSettingsChangeSchema>;

// ───────────────────────── holder ─────────────────────────

/** The holder as the form names them: an OCN ID, or empty to take the line from its holder. */
const holderLoginId = z.preprocess((v) => {
  const s = typeof v === "string" ? v.normalize("NFKC").trim().toLowerCase() : v;
  return s === "" || s === undefined ? null : s;
}, z.string({ error: "invalid_choice" }).max(254, "too_long").nullable());

/** A line's holder as a request stores it. */
export const lineAssignmentSchema = z.object({ holderLoginId });
export type LineAssignment = z.output<typeof lineAssignmentSchema>;

/** lines:manage assigns, reassigns or unassigns at once. */
export const assignLineSchema = lineAssignmentSchema.extend({ id: uuid, reason: changeReason });
export type AssignLineInput = z.input<typeof assignLineSchema>;

/** lines:request files the same for someone with lines:manage to approve. */
export const requestLineAssignmentSchema = lineAssignmentSchema.extend({ id: uuid, reason: requestReason });
export type RequestLineAssignmentInput = z.input<typeof requestLineAssignmentSchema>;

// ───────────────────────── state changes ─────────────────────────

/** The state changes the line page offers (assignment has its own form). */
// "statements_exported" is set only by a real export of the line's statement (exportLineStatement), never by hand.
export const LINE_STATE_CHANGES = LINE_CHANGE_KINDS.filter((k) => k !== "reassign" && k !== "unassign" && k !== "statements_exported");
export type LineStateChange = (typeof LINE_STATE_CHANGES)[number];

/** A JST date-time as the form's datetime-local (2026-12-01T10:00) or a date (through that day) sends it; a Date passes. */
const jstDateTime = z.preprocess((v) => {
  if (v instanceof Date || v === undefined || v === null) return v ?? undefined;
  if (typeof v !== "string") return v;
  const s = v.normalize("NFKC").trim();
  if (s === "") return undefined;
  return parseJstDate(s) ?? s;
}, z.date({ error: "date_format" }).optional());

export const changeLineStateSchema = z.object({
  id: uuid,
  change: z.enum(LINE_STATE_CHANGES as unknown as [LineStateChange, ...LineStateChange[]], { error: "invalid_choice" }),
  mnpNumber: z.preprocess((v) => (typeof v === "string" ? normalizeMnpNumber(v) || undefined : v), z.string().max(20, "mnp_number_format").optional()),
  mnpExpiresAt: jstDateTime,
  reason: changeReason,
});
export type ChangeLineStateInput = z.input<typeof changeLineStateSchema>;
