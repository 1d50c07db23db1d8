// How a campaign, a flag and a decision look: the status a campaign is in (closed and applied read as "applied"),
// and each one's badge colour. Shared by the list, the campaign page and its report.
import type { ReviewFlag } from "@/lib/policy/reviews";

export type CampaignStatus = "draft" | "open" | "closed" | "applied";

export const campaignStatus = (r: { status: string; appliedAt: Date | string | null }): CampaignStatus =>
  r.status === "closed" ? (r.appliedAt ? "applied" : "closed") : r.status === "draft" ? "draft" : "open";

export const campaignStatusTone = { draft: "grey", open: "blue", closed: "amber", applied: "green" } as const;

export const flagTone: Record<ReviewFlag, "red" | "amber" | "grey" | "blue"> = {
  hr_terminated: "red",
  sod_conflict: "red",
  hr_leave: "amber",
  no_hr_record: "amber",
  contractor_grant: "amber",
  dormant: "grey",
  privileged: "blue",
};

export const decisionTone = { keep: "green", revoke: "red", modify: "amber", undecided: "grey" } as const;

/** "2026-Q4" → { year: "2026", q: "4" }, for the quarter's words in either language. */
export function quarterParts(key: string): { year: string; q: string } {
  const [year = key, q = ""] = key.split("-Q");
  return { year, q };
}
