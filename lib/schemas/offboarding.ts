import { z } from "zod";
import { OFFBOARDING_TRIGGERS } from "@/lib/policy/offboarding";
import { parseJstDateTime } from "./network";

// Offboarding forms and the operations behind them. Error messages are keys under offboarding.errors.* in the
// messages; the server uses the same schemas.

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_an_id");

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").normalize("NFKC").trim())
    .pipe(z.string().max(max, "too_long"));

const requiredText = (max: number) => text(max).pipe(z.string().min(1, "required").max(max, "too_long"));

/** A JST wall-clock time (datetime-local or "2026/11/27 18:00") or an ISO instant. */
const jstInstant = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : value.trim() === "" ? null : parseJstDateTime(value);
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: value === "" ? "required" : "date_invalid" });
    return z.NEVER;
  }
  return date;
});

/** A JST calendar day ("2026-11-27", "2026/11/27", full-width digits too) as the instant it starts. */
const jstDay = z.union([z.date(), z.string()]).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const s = value.normalize("NFKC").trim().replaceAll("/", "-");
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const date = m ? parseJstDateTime(`${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}T00:00`) : null;
  if (!date) {
    ctx.addIssue({ code: "custom", message: s === "" ? "required" : "date_invalid" });
    return z.NEVER;
  }
  return date;
});

export const startOffboardingSchema = z
  .object({
    accountId: uuid,
    trigger: z.enum(OFFBOARDING_TRIGGERS, { error: "invalid_choice" }),
    timing: z.enum(["now", "scheduled"], { error: "invalid_choice" }),
    effectiveAt: z.union([z.date(), z.string()]).nullish(),
    newDepartment: text(100),
    note: text(500),
  })
  .transform((input, ctx) => {
    let effectiveAt: Date | null = null;
    if (input.timing === "scheduled") {
      const parsed = jstInstant.safeParse(input.effectiveAt ?? "");
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", path: ["effectiveAt"], message: parsed.error.issues[0]?.message ?? "date_invalid" });
        return z.NEVER;
      }
      effectiveAt = parsed.data;
    }
    if (input.trigger === "transfer" && input.newDepartment === "") {
      ctx.addIssue({ code: "custom", path: ["newDepartment"], message: "required" });
      return z.NEVER;
    }
    return { ...input, effectiveAt };
  });
export type StartOffboardingInput = z.input<typeof startOffboardingSchema>;

export const caseIdSchema = z.object({ caseId: uuid, note: text(500) });
export type CaseIdInput = z.input<typeof caseIdSchema>;

export const startDisposalSchema = z.object({ lineId: uuid, note: text(500) });
export type StartDisposalInput = z.input<typeof startDisposalSchema>;

/** The conditions a returned SIM can arrive in. */
export const SIM_CONDITIONS = ["good", "damaged", "lost"] as const;
export const LINE_DECISIONS = ["reassign", "suspend", "cancel", "port_out"] as const;

/** Completing a task: the fields each kind needs are checked by the server against the task's kind. */
export const completeTaskSchema = z.object({
  taskId: uuid,
  trackingNumber: text(40).pipe(z.string().regex(/^[0-9A-Za-z-]*$/, "tracking_format")),
  receivedOn: z.union([z.date(), z.string()]).optional(),
  condition: z.enum(SIM_CONDITIONS, { error: "invalid_choice" }).optional(),
  decision: z.enum(LINE_DECISIONS, { error: "invalid_choice" }).optional(),
  toLoginId: text(254),
  mnpNumber: text(20),
  mnpExpiresOn: z.union([z.date(), z.string()]).optional(),
  mailClientWiped: z.preprocess((v) => v === "true" || v === "on" || v === true, z.boolean()).optional(),
  appWiped: z.preprocess((v) => v === "true" || v === "on" || v === true, z.boolean()).optional(),
  evidence: text(1000),
});
export type CompleteTaskInput = z.input<typeof completeTaskSchema>;

export const skipTaskSchema = z.object({ taskId: uuid, note: requiredText(500) });
export type SkipTaskInput = z.input<typeof skipTaskSchema>;

export { jstDay };

export const listCasesSchema = z.object({
  status: z.enum(["active", "scheduled", "in_progress", "completed", "cancelled", "all"]).catch("active"),
  q: text(100).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ListCasesInput = Partial<Record<"status" | "q" | "page", string>>;

/** Days a leaver has to send a physical SIM back: 1–90, typed in full-width digits too. */
export const simReturnDaysSchema = z.object({
  days: z.preprocess(
    (v) => (typeof v === "string" ? (v.normalize("NFKC").trim() === "" ? NaN : Number(v.normalize("NFKC").trim())) : v),
    z.number({ error: "not_a_number" }).int("not_a_number").min(1, "out_of_range").max(90, "out_of_range"),
  ),
});
export type SimReturnDaysInput = z.input<typeof simReturnDaysSchema>;
