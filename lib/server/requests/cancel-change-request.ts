import "server-only";
import { cancelChangeRequestSchema, type CancelChangeRequestInput } from "@/lib/schemas/requests";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { parseOrThrow, readDiff } from "./request-kind";
import { canSeeRequest } from "./visibility";

/** The requester withdraws their own request while it waits; nothing is changed and nobody else can do it. */
export async function cancelChangeRequest(input: CancelChangeRequestInput) {
  const actor = await authorize();
  const { id } = parseOrThrow(cancelChangeRequestSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const found = await tx.changeRequest.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: { id: true, domain: true, kind: true, targetType: true, targetId: true, requestedById: true },
    });
    if (!found || !canSeeRequest(actor, found)) throw new AppError("not_found", "No such request.");
    if (found.requestedById !== actor.accountId) throw new AppError("forbidden", "Only the requester can cancel a request.");
    await tx.$queryRaw`SELECT id FROM change_requests WHERE id = ${found.id}::uuid FOR UPDATE`;
    const { status, diff } = await tx.changeRequest.findUniqueOrThrow({ where: { id: found.id }, select: { status: true, diff: true } });
    if (status !== "pending") throw new AppError("conflict", `This request has already been ${status}.`);
    const now = new Date();
    await tx.changeRequest.update({ where: { id: found.id }, data: { status: "cancelled", decidedAt: now } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "request.cancelled",
      targetType: found.targetType,
      targetId: found.targetId,
      targetLabel: readDiff(diff).targetLabel || null,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: { requestId: found.id, kind: found.kind, before: { status: "pending" }, after: { status: "cancelled" } },
    });
    return { id: found.id, status: "cancelled" as const };
  });
}
