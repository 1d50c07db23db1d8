"use server";
// Review campaigns: starting one and naming reviewers (reviews:manage), and deciding items (the item's reviewer or
// reviews:manage).
import { revalidatePath } from "next/cache";
import { bulkKeepSchema, createCampaignSchema, decideItemSchema, reassignReviewerSchema } from "@/lib/schemas/reviews";
import { action } from "@/lib/server/action";
import { createCampaign } from "@/lib/server/reviews/create-campaign";
import { bulkKeepItems, decideReviewItem } from "@/lib/server/reviews/decide-item";
import { reassignReviewer } from "@/lib/server/reviews/reassign-reviewer";

export const createCampaignAction = action(createCampaignSchema, async (input) => {
  const result = await createCampaign(input);
  revalidatePath("/reviews");
  return result;
});

export const decideReviewItemAction = action(decideItemSchema, async (input) => {
  await decideReviewItem(input);
  revalidatePath("/reviews", "layout");
  return { ok: true };
});

export const bulkKeepItemsAction = action(bulkKeepSchema, async (input) => {
  const result = await bulkKeepItems(input);
  revalidatePath("/reviews", "layout");
  return result;
});

export const reassignReviewerAction = action(reassignReviewerSchema, async (input) => {
  const result = await reassignReviewer(input);
  revalidatePath("/reviews", "layout");
  return result;
});
