import { z } from "zod";
import { looksLikeCardNumber } from "@/lib/policy/billing";

// Four-eyes change requests (/requests): filing, deciding, cancelling, listing. Form fields arrive as strings;
// each schema's output parses again unchanged, so a stored payload is re-validated with the schema that made it.
// Messages are codes the forms word: required, too_long, not_a_number, out_of_range, invalid_choice, invalid_email.

export const REQUEST_STATUSES = ["pending", "approved", "rejected", "cancelled"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_VIEWS = ["decide", "mine", "all"] as const;
export type RequestView = (typeof REQUEST_VIEWS)[number];
export const REASON_MAX = 500;
export const NOTE_MAX = 500;
export const REQUEST_PAGE_SIZE = 50;

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_an_id");

/** NFKC and trimmed; "" is missing. */
const typed = (v: unknown) => (typeof v === "string" ? v.normalize("NFKC").trim() : v);

/** A required line of text: full-width letters become half-width, surrounding spaces go. */
export const requiredText = (max: number) =>
  z.preprocess((v) => (v === undefined || v === null ? "" : typed(v)), z.string({ error: "required" }).min(1, "required").max(max, "too_long"));

/** An optional line of text, stored as null when left empty. */
export const optionalText = (max: number) =>
  z.preprocess((v) => {
    const s = typed(v);
    return s === "" || s === undefined ? null : s;
  }, z.string({ error: "invalid_choice" }).max(max, "too_long").nullable());

/** "１０", " 10 " and 10 are 10; "" is missing; "1e1", "10.5" and "十" are not numbers. */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => {
      const s = typed(v);
      if (typeof s !== "string") return s;
      if (s === "") return undefined;
      return /^-?\d+$/.test(s) ? Number(s) : s;
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? "required" : "not_a_number") })
      .int("not_a_number")
      .min(min, "out_of_range")
      .max(max, "out_of_range"),
  );

/** A switch: sent as "true"/"false" from a form (a hidden field carries it), or a boolean from code. */
export const flag = z.preprocess(
  (v) => (v === "true" || v === "on" ? true : v === "false" ? false : v),
  z.boolean({ error: (issue) => (issue.input === undefined ? "required" : "invalid_choice") }),
);

/** Why a change is asked for: required on a request, so the approver can judge it. */
export const requestReason = requiredText(REASON_MAX);
/** A direct change may say why, for the audit log. */
export const changeReason = optionalText(REASON_MAX).optional();

export const fileChangeRequestSchema = z.object({
  kind: z.string().min(1, "invalid_choice").max(50, "invalid_choice"),
  targetId: z.string().min(1, "required").max(100, "too_long"),
  payload: z.record(z.string(), z.unknown(), { error: "invalid_choice" }),
  reason: requestReason,
});
export type FileChangeRequestInput = z.input<typeof fileChangeRequestSchema>;

export const changeRequestIdSchema = z.object({ id: uuid });

export const decideChangeRequestSchema = z
  .object({
    id: uuid,
    decision: z.enum(["approve", "reject"], { error: "invalid_choice" }),
    // Never a card number in a note (an approver may paste one from a payment method request).
    note: optionalText(NOTE_MAX).refine((v) => v === null || !looksLikeCardNumber(v), "full_card_number").optional(),
  })
  // A rejection says why, so the requester knows what to change.
  .refine((v) => v.decision !== "reject" || Boolean(v.note), { path: ["note"], message: "required" });
export type DecideChangeRequestInput = z.input<typeof decideChangeRequestSchema>;

export const cancelChangeRequestSchema = z.object({ id: uuid });
export type CancelChangeRequestInput = z.input<typeof cancelChangeRequestSchema>;

/** An unusable value in the URL falls back to its default instead of failing the page. */
export const listChangeRequestsSchema = z.object({
  view: z.enum(REQUEST_VIEWS).optional().catch(undefined),
  status: z.enum(REQUEST_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ListChangeRequestsInput = Partial<Record<keyof z.output<typeof listChangeRequestsSchema>, string | number>>;
