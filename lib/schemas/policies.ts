import { z } from "zod";

// The sign-in policies set on /security/policies. Form fields arrive as strings (full-width digits too); each
// schema's output parses again unchanged, so the form, the action and the operation share one schema.

/** The bounds of each value, in the units the form shows. */
export const POLICY_LIMITS = {
  threshold: { min: 3, max: 50 },
  windowMinutes: { min: 1, max: 1440 },
  durationMinutes: { min: 1, max: 1440 },
  // NIST SP 800-63B asks for 8; the product requires 12, and 128 is the longest password accepted.
  minLength: { min: 12, max: 128 },
  maxAgeDays: { min: 30, max: 730 },
  historyDepth: { min: 0, max: 24 },
  idleMinutes: { min: 5, max: 480 },
  absoluteHours: { min: 1, max: 72 },
} as const;

export type PolicyField = keyof typeof POLICY_LIMITS;

/** What the schemas answer per field; the form words each code with the field's bounds. */
export type PolicyErrorCode = "required" | "not_a_number" | "out_of_range" | "invalid_choice" | "absolute_below_idle";

function wholeNumberOf(field: PolicyField) {
  const { min, max } = POLICY_LIMITS[field];
  return z
    .number({ error: (issue) => (issue.input === undefined ? "required" : "not_a_number") })
    .int("not_a_number")
    .min(min, "out_of_range")
    .max(max, "out_of_range");
}

/** "１０", " 10 " and 10 are 10; "" is missing; "1e1", "10.5" and "十" are not numbers. */
function typedNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const s = value.normalize("NFKC").trim();
  if (s === "") return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

const wholeNumber = (field: PolicyField) => z.preprocess(typedNumber, wholeNumberOf(field));
const optionalWholeNumber = (field: PolicyField) => z.preprocess(typedNumber, wholeNumberOf(field).optional());

/** A checkbox: the form sends "false" from a hidden field first and "true" from the box when it is ticked. */
const flag = z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean({ error: "invalid_choice" }));

const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: "invalid_choice" });

export const updateLockoutPolicySchema = z
  .object({
    threshold: wholeNumber("threshold"),
    windowMinutes: wholeNumber("windowMinutes"),
    // "admin_unlocks": the account stays locked until an administrator unlocks it (stored as no duration).
    lockEnds: choice(["after_minutes", "admin_unlocks"]),
    durationMinutes: optionalWholeNumber("durationMinutes"),
    escalate: flag,
  })
  .refine((v) => v.lockEnds !== "after_minutes" || v.durationMinutes !== undefined, {
    path: ["durationMinutes"],
    message: "required",
    when: (payload) => (payload.value as { lockEnds?: unknown }).lockEnds === "after_minutes",
  });
export type UpdateLockoutPolicyInput = z.infer<typeof updateLockoutPolicySchema>;

export const updatePasswordPolicySchema = z
  .object({
    minLength: wholeNumber("minLength"),
    expires: choice(["after_days", "never"]),
    maxAgeDays: optionalWholeNumber("maxAgeDays"),
    historyDepth: wholeNumber("historyDepth"),
  })
  .refine((v) => v.expires !== "after_days" || v.maxAgeDays !== undefined, {
    path: ["maxAgeDays"],
    message: "required",
    when: (payload) => (payload.value as { expires?: unknown }).expires === "after_days",
  });
export type UpdatePasswordPolicyInput = z.infer<typeof updatePasswordPolicySchema>;

export const updateSessionPolicySchema = z
  .object({
    idleMinutes: wholeNumber("idleMinutes"),
    absoluteHours: wholeNumber("absoluteHours"),
  })
  .refine((v) => v.absoluteHours * 60 >= v.idleMinutes, { path: ["absoluteHours"], message: "absolute_below_idle" });
export type UpdateSessionPolicyInput = z.infer<typeof updateSessionPolicySchema>;
