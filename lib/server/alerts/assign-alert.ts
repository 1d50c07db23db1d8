import "server-only";
import { assignAlertSchema, type AssignAlertInput } from "@/lib/schemas/alerts";
import { authorize } from "../authorize";
import { AppError } from "../errors";
import { onAlert } from "./on-alert";
import { securityPeopleWhere } from "./security-people";

/** Gives the alert to someone of the organization who works with security (or takes it off them when empty). */
export async function assignAlert(input: AssignAlertInput) {
  await authorize("security", "manage");
  const { id, assigneeId } = assignAlertSchema.parse(input);
  return onAlert(id, assigneeId ? "alert.assigned" : "alert.unassigned", null, async (tx, alert, actor, now) => {
    if (assigneeId) {
      // Someone of another organization, a disabled account or one without a security permission is refused alike.
      const person = await tx.account.findFirst({
        where: {
          id: assigneeId,
          ...securityPeopleWhere(actor.organizationId, now),
        },
        select: { id: true },
      });
      if (!person)
        throw new AppError(
          "invalid",
          "Alerts can be assigned only to active people of this organization who hold a security permission.",
          "assigneeId",
          "assignee_not_allowed",
        );
    }
    if (alert.assigneeId === assigneeId) return true;
    const { count } = await tx.alert.updateMany({
      where: { id: alert.id, assigneeId: alert.assigneeId },
      data: { assigneeId },
    });
    return count === 1;
  });
}
