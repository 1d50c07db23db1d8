import "server-only";
import { can } from "@/lib/permissions";
import { changeRequestIdSchema } from "@/lib/schemas/requests";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { findRequestKind } from "./kinds";
import { readDiff, staleChanges } from "./request-kind";
import { canSeeRequest } from "./visibility";

/**
 * One request the caller may see (its domain viewable, or their own), with what they may do with it. A pending
 * request also says which of its fields the target no longer holds, so a decider sees a conflict before approving.
 */
export async function getChangeRequestOrThrow(input: { id: string }) {
  const actor = await authorize();
  const parsed = changeRequestIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such request.");
  const prisma = await db();
  const request = await prisma.changeRequest.findFirst({
    where: { id: parsed.data.id, organizationId: actor.organizationId },
    select: {
      id: true,
      domain: true,
      kind: true,
      targetType: true,
      targetId: true,
      diff: true,
      status: true,
      reason: true,
      createdAt: true,
      decidedAt: true,
      decisionNote: true,
      appliedAt: true,
      requestedById: true,
      requestedBy: { select: { displayName: true, loginId: true } },
      decidedBy: { select: { displayName: true, loginId: true } },
    },
  });
  if (!request || !canSeeRequest(actor, request)) throw new AppError("not_found", "No such request.");
  const kind = findRequestKind(request.kind);
  const diff = readDiff(request.diff);
  const pending = request.status === "pending";
  const isRequester = request.requestedById === actor.accountId;
  let staleFields: string[] = [];
  let targetExists = true;
  if (pending && kind && request.targetId) {
    const target = await prisma.$transaction((tx) => kind.loadCurrent(tx, actor.organizationId, request.targetId!));
    targetExists = target !== null;
    staleFields = target ? staleChanges(target, diff.changes).map((c) => c.field) : [];
  }
  return {
    id: request.id,
    domain: request.domain,
    kind: request.kind,
    status: request.status,
    reason: request.reason,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
    decisionNote: request.decisionNote,
    appliedAt: request.appliedAt,
    requestedBy: request.requestedBy,
    decidedBy: request.decidedBy,
    targetLabel: diff.targetLabel,
    changes: diff.changes,
    staleFields,
    targetExists,
    targetHref: kind?.href && request.targetId && can(actor.permissions, request.domain, "view") ? kind.href(request.targetId) : null,
    isRequester,
    canDecide: pending && !isRequester && can(actor.permissions, request.domain, "manage"),
    canCancel: pending && isRequester,
  };
}
