import "server-only";
import { commentOnAlertSchema, type CommentOnAlertInput } from "@/lib/schemas/alerts";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { alertTargetLabel } from "./on-alert";

/** Adds a note to the alert's record, signed with the writer's OCN ID; any status may take one. */
export async function commentOnAlert(input: CommentOnAlertInput) {
  const actor = await authorize("security", "manage");
  const { id, body } = commentOnAlertSchema.parse(input);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: { id: true, kind: true, subjectKey: true, subjectLabel: true },
    });
    if (!alert) throw new AppError("not_found", "No such alert.", undefined, "not_found");
    const now = new Date();
    const comment = await tx.alertComment.create({
      data: {
        organizationId: actor.organizationId,
        alertId: alert.id,
        authorId: actor.accountId,
        authorLabel: actor.loginId,
        body,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "alert.commented",
      targetType: "alert",
      targetId: alert.id,
      targetLabel: alertTargetLabel(alert),
      outcome: "success",
      ip: actor.ip,
      occurredAt: now,
      details: { before: null, after: { commentId: comment.id, body } },
    });
    return { id: comment.id };
  });
}
