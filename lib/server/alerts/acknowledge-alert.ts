import "server-only";
import { ALERT_TRANSITIONS, acknowledgeAlertSchema, type AcknowledgeAlertInput } from "@/lib/schemas/alerts";
import { authorize } from "../authorize";
import { checkTransition, onAlert } from "./on-alert";

/** Someone is looking into it: open → acknowledged, with who and when. */
export async function acknowledgeAlert(input: AcknowledgeAlertInput) {
  await authorize("security", "manage");
  const { id, expectedStatus } = acknowledgeAlertSchema.parse(input);
  return onAlert(id, "alert.acknowledged", null, async (tx, alert, actor, now) => {
    checkTransition(alert, expectedStatus, ALERT_TRANSITIONS.acknowledge);
    const { count } = await tx.alert.updateMany({
      where: { id: alert.id, status: alert.status },
      data: {
        status: "acknowledged",
        acknowledgedAt: now,
        acknowledgedById: actor.accountId,
      },
    });
    return count === 1;
  });
}
