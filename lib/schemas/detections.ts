import { z } from "zod";
import { isoDayExists } from "@/lib/policy/calendar-date";
import { DETECTION_KINDS, DETECTION_PARAM_SCHEMAS, SEVERITIES } from "@/lib/policy/detections";
import { closedDaySchema } from "@/lib/policy/org-calendar";

// The detection settings page (/security/detections) and the travel notices page (/security/travel). Error messages
// are codes; the forms word them.

const flag = z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean({ error: "invalid_choice" }));
const severity = z.enum(SEVERITIES, { error: "invalid_choice" });

const ruleOf = <K extends (typeof DETECTION_KINDS)[number]>(kind: K) =>
  z.object({ kind: z.literal(kind), enabled: flag, severity, ...DETECTION_PARAM_SCHEMAS[kind].shape });

/** One rule: switched on or off, its severity and its settings, flat as the form sends them. */
export const updateDetectionRuleSchema = z.discriminatedUnion("kind", [
  ruleOf("repeated_failures"),
  ruleOf("password_spray"),
  ruleOf("failure_spike"),
  ruleOf("off_hours_sign_in"),
  ruleOf("foreign_sign_in"),
  ruleOf("impossible_travel"),
], { error: "invalid_choice" });
export type UpdateDetectionRuleInput = z.input<typeof updateDetectionRuleSchema>;

const hour = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v.normalize("NFKC")) : v), z.number({ error: "not_a_number" }).int("not_a_number").min(min, "out_of_range").max(max, "out_of_range"));

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "JP, US sg" → ["JP", "US", "SG"]. */
const countryList = z.preprocess(
  (v) => (typeof v === "string" ? v.normalize("NFKC").toUpperCase().split(/[\s,、]+/).filter(Boolean) : v),
  z.array(z.string().regex(/^[A-Z]{2}$/, "country_code"), { error: "country_code" }).min(1, "required").max(50, "out_of_range").transform((a) => [...new Set(a)]),
);

/** The organization's working calendar and the countries sign-ins are expected from. */
export const updateDetectionCalendarSchema = z
  .object({
    timeZone: z.string().trim().min(1, "required").refine(validTimeZone, "time_zone"),
    businessDays: z.array(z.coerce.number().int().min(0).max(6), { error: "invalid_choice" }).max(7).transform((d) => [...new Set(d)].sort()),
    startHour: hour(0, 23),
    endHour: hour(1, 24),
    observeJpHolidays: flag,
    closedDays: z.array(closedDaySchema, { error: "closed_days" }).max(20, "out_of_range"),
    allowedCountries: countryList,
  })
  .refine((v) => v.endHour > v.startHour, { path: ["endHour"], message: "end_before_start" });
export type UpdateDetectionCalendarInput = z.input<typeof updateDetectionCalendarSchema>;

/** The webhook alerts are POSTed to: an https URL, or empty to stop sending. */
export const updateAlertWebhookSchema = z.object({ url: z.string().trim().max(2000, "out_of_range") });
export type UpdateAlertWebhookInput = z.input<typeof updateAlertWebhookSchema>;

export const noInputSchema = z.object({});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date").refine(isoDayExists, "date");

/** A trip abroad for one account (its OCN ID), whole days in JST, both ends inclusive. */
export const createTravelNoticeSchema = z
  .object({
    loginId: z.string().trim().min(1, "required").max(254),
    countries: countryList,
    startDate: day,
    endDate: day,
    note: z.string().trim().max(500, "out_of_range").optional().default(""),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], message: "end_before_start" });
export type CreateTravelNoticeInput = z.input<typeof createTravelNoticeSchema>;

export const revokeTravelNoticeSchema = z.object({ id: z.uuid("not_found") });
export type RevokeTravelNoticeInput = z.input<typeof revokeTravelNoticeSchema>;
