import { z } from "zod";
import { changeReason, flag, optionalText, requestReason, requiredText, uuid, wholeNumber } from "./requests";

// Lines (/lines): the list's URL state and the settings a line operator changes, directly or through a request.

export const LINE_STATUSES = ["active", "suspended", "pending_return", "returned", "cancelled", "ported_out"] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

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
