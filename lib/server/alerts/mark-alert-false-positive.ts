import "server-only";
import { ALERT_TRANSITIONS, markAlertFalsePositiveSchema, type MarkAlertFalsePositiveInput } from "@/lib/schemas/alerts";
import { authorize } from "../authorize";
import { checkTransition, onAlert } from "./on-alert";

/** Closes the alert as a false positive, with the reason (required): open or acknowledged → false_positive. */
export async function markAlertFalsePositive(input: MarkAlertFalsePositiveInput) {
  await authorize("security", "manage");
  const { id, expectedStatus, reason } = markAlertFalsePositiveSchema.parse(input);
  return onAlert(id, "alert.false_positive", reason, async (tx, alert, actor, now) => {
    checkTransition(alert, expectedStatus, ALERT_TRANSITIONS.falsePositive);
    const { count } = await tx.alert.updateMany({
      where: { id: alert.id, status: alert.status },
      data: {
        status: "false_positive",
        resolvedAt: now,
        resolvedById: actor.accountId,
        resolution: reason,
      },
    });
    return count === 1;
  });
}
