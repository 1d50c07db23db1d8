import "server-only";
import { fileChangeRequestSchema, type FileChangeRequestInput } from "@/lib/schemas/requests";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/permissions";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";
import { requestKindOrThrow } from "./kinds";
import { mailApprovers } from "./notify";
import { changesBetween, lockTarget, parseOrThrow, proposedValues, requirePermission, validatedPayload, type RequestDiff } from "./request-kind";

/**
 * Files a change for someone else with <domain>:manage to approve. The request records what changes (before → after)
 * against the target as it is now; one request per target waits at a time. Approvers are told by mail.
 */
export async function fileChangeRequest(input: FileChangeRequestInput) {
  const actor = await authorize();
  const v = parseOrThrow(fileChangeRequestSchema, input);
  const kind = requestKindOrThrow(v.kind);
  // Without <domain>:request, only a kind that lets others file on some targets goes on, checked on the target below.
  const byPermission = can(actor.permissions, kind.domain, "request");
  if (!byPermission && !kind.fileAccess) requirePermission(actor, kind.domain, "request");
  const payload = parseOrThrow(kind.schema, v.payload, "payload.");
  const { userAgent } = await clientContext();
  const prisma = await db();
  const { request, mailIds } = await prisma.$transaction(async (tx) => {
    await lockTarget(tx, kind, actor.organizationId, v.targetId);
    if (!byPermission && !(await kind.fileAccess!(tx, actor, v.targetId))) {
      throw new AppError("forbidden", `This needs the ${kind.domain}:request permission.`);
    }
    const target = await kind.loadCurrent(tx, actor.organizationId, v.targetId);
    if (!target) throw new AppError("not_found", `No such ${kind.noun}.`);
    const waiting = await tx.changeRequest.findFirst({
      where: { organizationId: actor.organizationId, kind: kind.kind, targetId: v.targetId, status: "pending" },
      select: { createdAt: true, requestedBy: { select: { displayName: true } } },
    });
    if (waiting) {
      throw new AppError(
        "conflict",
        `A request for this ${kind.noun} is already waiting for approval (filed by ${waiting.requestedBy.displayName} on ${formatDateTime(waiting.createdAt)}). ` +
          `Wait for its decision, or ask the requester to cancel it.`,
      );
    }
    const now = new Date();
    const checked = await validatedPayload(tx, kind, { organizationId: actor.organizationId, targetId: v.targetId, payload, actor, now });
    const changes = changesBetween(target, proposedValues(kind, checked, target));
    if (changes.length === 0) throw new AppError("invalid", `This request changes nothing: the ${kind.noun} already has these values.`);
    const diff: RequestDiff = { targetLabel: target.label, changes };
    const request = await tx.changeRequest.create({
      data: {
        organizationId: actor.organizationId,
        domain: kind.domain,
        kind: kind.kind,
        targetType: kind.targetType,
        targetId: v.targetId,
        payload: checked as object,
        diff: diff as unknown as object,
        reason: v.reason,
        requestedById: actor.accountId,
        createdAt: now,
      },
      select: { id: true, status: true },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "request.filed",
      targetType: kind.targetType,
      targetId: v.targetId,
      targetLabel: target.label,
      outcome: "success",
      reason: v.reason,
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: { requestId: request.id, kind: kind.kind, changes: changes as unknown as object[] },
    });
    const mailIds = await mailApprovers(tx, {
      organizationId: actor.organizationId,
      requestId: request.id,
      kind: kind.kind,
      domain: kind.domain,
      targetLabel: target.label,
      changes,
      reason: v.reason,
      requester: { id: actor.accountId, displayName: actor.displayName },
    });
    return { request: { ...request, targetLabel: target.label, changes }, mailIds };
  });
  await deliver(mailIds);
  return request;
}
