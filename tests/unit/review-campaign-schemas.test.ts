import { describe, expect, it } from "vitest";
import { createCampaignSchema, decideItemSchema } from "@/lib/schemas/reviews";

// The forms send every field, empty ones as "": an empty date is no date, not a wrong one.
describe("review campaign schemas", () => {
  it("reads an empty due date as none, and a datetime-local value as Tokyo time", () => {
    const empty = createCampaignSchema.safeParse({ quarter: "2026-q4", title: "", dueAt: "", undecidedOutcome: "no_change", dormantDays: "90", fallbackReviewerLoginId: "" });
    expect(empty.success, JSON.stringify(empty.error?.issues)).toBe(true);
    expect(empty.data).toMatchObject({ quarter: "2026-Q4", title: null, dueAt: undefined, dormantDays: 90, fallbackReviewerLoginId: null });
    expect(createCampaignSchema.parse({ quarter: "2026-Q4", dueAt: "2026-12-01T09:00" }).dueAt?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(createCampaignSchema.safeParse({ quarter: "2026-Q4", dueAt: "12/01" }).error?.issues[0]?.message).toBe("not_a_date");
  });

  it("lets a keep or revoke go without an end date, and reads a day alone as 18:00 Tokyo time", () => {
    const itemId = "00000000-0000-4000-8000-000000000000";
    expect(decideItemSchema.safeParse({ itemId, decision: "keep", comment: "", grantIds: [], endsAt: "" }).success).toBe(true);
    expect(decideItemSchema.parse({ itemId, decision: "modify", grantIds: [itemId], endsAt: "2026-12-31" }).endsAt?.toISOString()).toBe("2026-12-31T09:00:00.000Z");
  });
});
