import "server-only";
// The request waiting on a target, for the target's own page: at most one waits per kind and target.
import type { Db } from "../db";
import type { Actor } from "../authorize";
import { readDiff } from "./request-kind";

export async function pendingRequestFor(prisma: Db, actor: Actor, kind: string, targetId: string) {
  const request = await prisma.changeRequest.findFirst({
    where: { organizationId: actor.organizationId, kind, targetId, status: "pending" },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, reason: true, diff: true, requestedById: true, requestedBy: { select: { displayName: true } } },
  });
  if (!request) return null;
  return {
    id: request.id,
    createdAt: request.createdAt,
    reason: request.reason,
    requester: request.requestedBy.displayName,
    isMine: request.requestedById === actor.accountId,
    changes: readDiff(request.diff).changes,
  };
}

/** The latest audit events about one target: its changes and the requests filed and decided on it, with who did each. */
export async function targetHistory(prisma: Db, actor: Actor, targetType: string, targetId: string) {
  const events = await prisma.auditEvent.findMany({
    where: { organizationId: actor.organizationId, targetType, targetId },
    orderBy: { occurredAt: "desc" },
    take: 20,
    select: { id: true, occurredAt: true, action: true, actorId: true, actorLabel: true, reason: true, details: true },
  });
  const actorIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const names = new Map(
    (await prisma.account.findMany({ where: { organizationId: actor.organizationId, id: { in: actorIds } }, select: { id: true, displayName: true } })).map((a) => [a.id, a.displayName]),
  );
  return events.map(({ actorId, ...e }) => ({ ...e, id: e.id.toString(), actorName: (actorId && names.get(actorId)) || null }));
}
