import "server-only";
import { ALERT_TRANSITIONS, resolveAlertSchema, type ResolveAlertInput } from "@/lib/schemas/alerts";
import { authorize } from "../authorize";
import { checkTransition, onAlert } from "./on-alert";

/** Closes the alert with what was found and done (the resolution is required): open or acknowledged → resolved. */
export async function resolveAlert(input: ResolveAlertInput) {
  await authorize("security", "manage");
  const { id, expectedStatus, resolution } = resolveAlertSchema.parse(input);
  return onAlert(id, "alert.resolved", resolution, async (tx, alert, actor, now) => {
    checkTransition(alert, expectedStatus, ALERT_TRANSITIONS.resolve);
    const { count } = await tx.alert.updateMany({
      where: { id: alert.id, status: alert.status },
      data: {
        status: "resolved",
        resolvedAt: now,
        resolvedById: actor.accountId,
        resolution,
      },
    });
    return count === 1;
  });
}
