"use server";
// The steps of an alert's workflow, from its detail page: acknowledge, resolve, false positive, reopen, assign, comment.
import { revalidatePath } from "next/cache";
import {
  acknowledgeAlertSchema,
  assignAlertSchema,
  commentOnAlertSchema,
  markAlertFalsePositiveSchema,
  reopenAlertSchema,
  resolveAlertSchema,
} from "@/lib/schemas/alerts";
import { action } from "@/lib/server/action";
import { acknowledgeAlert } from "@/lib/server/alerts/acknowledge-alert";
import { assignAlert } from "@/lib/server/alerts/assign-alert";
import { commentOnAlert } from "@/lib/server/alerts/comment-on-alert";
import { markAlertFalsePositive } from "@/lib/server/alerts/mark-alert-false-positive";
import { reopenAlert } from "@/lib/server/alerts/reopen-alert";
import { resolveAlert } from "@/lib/server/alerts/resolve-alert";

const refreshed =
  <I extends { id: string }, T>(operation: (input: I) => Promise<T>) =>
  async (input: I): Promise<T> => {
    const result = await operation(input);
    revalidatePath(`/alerts/${input.id}`);
    revalidatePath("/alerts");
    return result;
  };

export const acknowledgeAlertAction = action(acknowledgeAlertSchema, refreshed(acknowledgeAlert));
export const resolveAlertAction = action(resolveAlertSchema, refreshed(resolveAlert));
export const markAlertFalsePositiveAction = action(markAlertFalsePositiveSchema, refreshed(markAlertFalsePositive));
export const reopenAlertAction = action(reopenAlertSchema, refreshed(reopenAlert));
export const assignAlertAction = action(assignAlertSchema, refreshed(assignAlert));
export const commentOnAlertAction = action(commentOnAlertSchema, refreshed(commentOnAlert));
