import "server-only";
import { decideChangeRequestSchema, type DecideChangeRequestInput } from "@/lib/schemas/requests";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";
import { applyChange } from "./apply-change";
import { findRequestKind } from "./kinds";
import { mailRequester } from "./notify";
import { lockTarget, parseOrThrow, proposedValues, readDiff, requirePermission, staleChanges, validatedPayload } from "./request-kind";
import { canSeeRequest } from "./visibility";

const STATUS_WORD = { approved: "approved", rejected: "rejected", cancelled: "cancelled" } as const;

/**
 * Approves or rejects a pending request; needs <domain>:manage and someone other than the requester. Approval
 * re-validates the payload and applies the change in the same transaction, unless the target has changed since the
 * request was filed: then it is refused as a conflict, never silently overwritten. The requester is told by mail.
 */
export async function decideChangeRequest(input: DecideChangeRequestInput) {
  const actor = await authorize();
  const v = parseOrThrow(decideChangeRequestSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  const { result, mailIds } = await prisma.$transaction(async (tx) => {
    const found = await tx.changeRequest.findFirst({
      where: { id: v.id, organizationId: actor.organizationId },
      select: { id: true, domain: true, kind: true, targetType: true, targetId: true, requestedById: true },
    });
    if (!found || !canSeeRequest(actor, found)) throw new AppError("not_found", "No such request.");
    if (found.requestedById === actor.accountId) {
      throw new AppError("forbidden", v.decision === "approve" ? "You cannot approve your own request." : "You cannot reject your own request; cancel it instead.");
    }
    requirePermission(actor, found.domain, "manage");
    let noticeIds: string[] = [];
    const kind = findRequestKind(found.kind);
    if (kind && found.targetId) await lockTarget(tx, kind, actor.organizationId, found.targetId);
    // The row itself, locked: two approvers at once cannot both decide it.
    await tx.$queryRaw`SELECT id FROM change_requests WHERE id = ${found.id}::uuid FOR UPDATE`;
    const request = await tx.changeRequest.findUniqueOrThrow({
      where: { id: found.id },
      select: { status: true, payload: true, diff: true, reason: true, requestedBy: { select: { email: true, displayName: true } } },
    });
    if (request.status !== "pending") throw new AppError("conflict", `This request has already been ${STATUS_WORD[request.status]}.`);
    const diff = readDiff(request.diff);
    const now = new Date();

    if (v.decision === "approve") {
      if (!kind || !found.targetId) throw new AppError("conflict", `This console cannot apply requests of the kind "${found.kind}".`);
      const payload = kind.schema.safeParse(request.payload);
      if (!payload.success) {
        const issue = payload.error.issues[0]!;
        throw new AppError("conflict", `The request's ${issue.path.join(".") || "values"} are no longer valid (${issue.message}); reject it and file a new one.`);
      }
      const target = await kind.loadCurrent(tx, actor.organizationId, found.targetId);
      if (!target) throw new AppError("conflict", `The ${kind.noun} of this request no longer exists; reject the request.`);
      const stale = staleChanges(target, diff.changes);
      const checked = await validatedPayload(tx, kind, { organizationId: actor.organizationId, targetId: found.targetId, payload: payload.data, actor, now });
      const proposed = proposedValues(kind, checked, target);
      const drifted = diff.changes.filter((c) => JSON.stringify(proposed[c.field] ?? null) !== JSON.stringify(c.after));
      if (stale.length > 0 || drifted.length > 0) {
        throw new AppError(
          "conflict",
          `The ${kind.noun} has changed since this request was filed (${[...stale, ...drifted].map((c) => c.field).join(", ")}), so it was not applied. ` +
            `Reject it and, if the change is still needed, file a new request.`,
        );
      }
      noticeIds = await applyChange(tx, kind, { actor, now, targetId: found.targetId, target, payload: checked, changes: diff.changes, reason: request.reason, requestId: found.id, userAgent });
    }

    const status = v.decision === "approve" ? "approved" : "rejected";
    await tx.changeRequest.update({
      where: { id: found.id },
      data: { status, decidedById: actor.accountId, decidedAt: now, decisionNote: v.note ?? null, ...(status === "approved" ? { appliedAt: now } : {}) },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: `request.${status}`,
      targetType: found.targetType,
      targetId: found.targetId,
      targetLabel: diff.targetLabel || null,
      outcome: "success",
      reason: v.note ?? null,
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: { requestId: found.id, kind: found.kind, before: { status: "pending" }, after: { status }, changes: diff.changes as unknown as object[] },
    });
    const mailId = await mailRequester(tx, {
      organizationId: actor.organizationId,
      requestId: found.id,
      kind: found.kind,
      targetLabel: diff.targetLabel,
      changes: diff.changes,
      requesterEmail: request.requestedBy.email,
      decision: status,
      decider: actor.displayName,
      note: v.note ?? null,
    });
    return { result: { id: found.id, status, targetId: found.targetId }, mailIds: [mailId, ...noticeIds] };
  });
  await deliver(mailIds);
  return result;
}
