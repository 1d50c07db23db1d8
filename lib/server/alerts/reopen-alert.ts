import "server-only";
import { ALERT_TRANSITIONS, reopenAlertSchema, type ReopenAlertInput } from "@/lib/schemas/alerts";
import { authorize } from "../authorize";
import { checkTransition, onAlert } from "./on-alert";

/** Takes a closed alert back into work, with the reason (required): resolved or false_positive → open. */
export async function reopenAlert(input: ReopenAlertInput) {
  await authorize("security", "manage");
  const { id, expectedStatus, reason } = reopenAlertSchema.parse(input);
  return onAlert(id, "alert.reopened", reason, async (tx, alert) => {
    checkTransition(alert, expectedStatus, ALERT_TRANSITIONS.reopen);
    // The closing (who, when, why) stays in the audit log; the alert itself no longer claims to be closed.
    const { count } = await tx.alert.updateMany({
      where: { id: alert.id, status: alert.status },
      data: {
        status: "open",
        resolvedAt: null,
        resolvedById: null,
        resolution: null,
      },
    });
    return count === 1;
  });
}
