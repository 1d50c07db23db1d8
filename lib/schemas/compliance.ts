import { z } from "zod";

// The compliance calendar's forms and the operations behind them. Error messages are keys under compliance.errors.*.

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_an_id");

const requiredText = (max: number) =>
  z
    .string({ error: "required" })
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().min(1, "required").max(max, "too_long"));

/**
 * Where the evidence is kept: an http(s) address (a ticket, a shared folder's web link) or a page of this console
 * ("/audit?…"). Anything else (javascript:, a bare word) is refused, as the calendar shows it as a link.
 */
const evidenceUrl = z
  .string()
  .optional()
  .transform((s) => (s ?? "").trim())
  .pipe(
    z
      .string()
      .max(2000, "too_long")
      .refine((s) => {
        if (s === "") return true;
        if (s.startsWith("/")) return !s.startsWith("//") && !s.startsWith("/\\");
        try {
          const url = new URL(s);
          return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
        } catch {
          return false;
        }
      }, "url_invalid"),
  )
  .transform((s) => (s === "" ? undefined : s));

/** Recording a task done: what was checked (required), and where the evidence is (optional). */
export const completeComplianceTaskSchema = z.object({
  id: uuid,
  note: requiredText(1000),
  evidenceUrl,
});
export type CompleteComplianceTaskInput = z.input<typeof completeComplianceTaskSchema>;

/** Recording a task as not applicable this period, with why. */
export const skipComplianceTaskSchema = z.object({
  id: uuid,
  note: requiredText(500),
});
export type SkipComplianceTaskInput = z.input<typeof skipComplianceTaskSchema>;
