import { z } from "zod";
import { QUARTER_KEY, REVIEW_DECISIONS, UNDECIDED_OUTCOMES } from "@/lib/policy/reviews";
import { optionalText, uuid, wholeNumber } from "./requests";

// Quarterly access reviews (/reviews): creating a campaign, deciding items, closing. Form fields arrive as strings.

export const REVIEW_COMMENT_MAX = 500;

/** "2026-11-30T18:00" as a datetime-local field sends it, read as Tokyo time; "" (an empty field) is none. */
const optionalTokyoDateTime = z.preprocess(
  (v) => {
    if (v instanceof Date) return v;
    if (typeof v !== "string") return v;
    const s = v.normalize("NFKC").trim();
    if (s === "") return undefined;
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(s);
    if (!m) return s;
    const [y, mo, d, h, mi] = [+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 18, m[5] ? +m[5] : 0];
    const wall = new Date(Date.UTC(y, mo - 1, d, h, mi));
    // 2026-02-31 or 25:99 would roll over into another day: not a date.
    if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d || wall.getUTCHours() !== h || wall.getUTCMinutes() !== mi) return s;
    return new Date(wall.getTime() - 9 * 3600_000);
  },
  // Optional inside as well: "" becomes undefined only after the outer optional() has let it through.
  z.date({ error: "not_a_date" }).refine((d) => !Number.isNaN(d.getTime()), "not_a_date").optional(),
).optional();

export const createCampaignSchema = z.object({
  quarter: z.preprocess((v) => (typeof v === "string" ? v.normalize("NFKC").trim().toUpperCase() : v), z.string({ error: "required" }).regex(QUARTER_KEY, "not_a_quarter")),
  title: optionalText(100),
  dueAt: optionalTokyoDateTime,
  undecidedOutcome: z.enum(UNDECIDED_OUTCOMES, { error: "invalid_choice" }).default("no_change"),
  dormantDays: wholeNumber(7, 730).default(90),
  /** Reviews accounts whose department has no manager (and the managers' own); by OCN ID. Empty: the creator. */
  fallbackReviewerLoginId: optionalText(254).optional(),
});
export type CreateCampaignInput = Partial<Record<keyof z.input<typeof createCampaignSchema>, string | number | Date | null>>;

export const reviewIdSchema = z.object({ id: uuid });

export const decideItemSchema = z.object({
  itemId: uuid,
  decision: z.enum(REVIEW_DECISIONS, { error: "invalid_choice" }),
  comment: optionalText(REVIEW_COMMENT_MAX),
  /** revoke: these grants only (none = the whole account); modify: these grants get an end. */
  grantIds: z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(uuid).max(50)),
  endsAt: optionalTokyoDateTime,
});
/** As a form sends it; the operation parses it. */
export interface DecideItemInput {
  itemId: string;
  decision: string;
  comment?: string | null;
  grantIds?: string | string[];
  endsAt?: string | Date;
}

export const bulkKeepSchema = z.object({
  reviewId: uuid,
  itemIds: z.preprocess((v) => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]), z.array(uuid).min(1, "required").max(5_000)),
});
export interface BulkKeepInput {
  reviewId: string;
  itemIds: string | string[];
}

export const REVIEW_ITEM_FILTERS = ["all", "mine", "undecided", "flagged", "revoke"] as const;
export const getCampaignSchema = z.object({
  id: uuid,
  filter: z.enum(REVIEW_ITEM_FILTERS).catch("all").default("all"),
});

/** Hands the undecided items of one reviewer (empty: the unassigned ones) to another, named by OCN ID. */
export const reassignReviewerSchema = z.object({
  reviewId: uuid,
  fromLoginId: optionalText(254),
  toLoginId: z.preprocess((v) => (typeof v === "string" ? v.normalize("NFKC").trim().toLowerCase() : v), z.string({ error: "required" }).min(1, "required").max(254, "too_long")),
});
export type ReassignReviewerInput = Partial<Record<keyof z.input<typeof reassignReviewerSchema>, string | null>>;
