import "server-only";
import { deviceLabel } from "@/lib/policy/user-agent";
import { authorize } from "../authorize";
import { db } from "../db";

export const MY_SIGN_INS_SHOWN = 20;

/** The member's own last 20 sign-in attempts (success and failure), newest first, with whether each was reported. */
export async function listMySignIns() {
  const actor = await authorize();
  const prisma = await db();
  const events = await prisma.auditEvent.findMany({
    where: { organizationId: actor.organizationId, actorId: actor.accountId, action: "auth.sign_in" },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: MY_SIGN_INS_SHOWN,
    select: { id: true, occurredAt: true, outcome: true, reason: true, ip: true, country: true, userAgent: true },
  });
  const reports = events.length
    ? await prisma.auditEvent.findMany({
        where: { organizationId: actor.organizationId, actorId: actor.accountId, action: "auth.sign_in_reported", targetId: { in: events.map((e) => String(e.id)) } },
        select: { targetId: true },
      })
    : [];
  const reported = new Set(reports.map((r) => r.targetId));
  return events.map((e) => ({
    id: String(e.id),
    occurredAt: e.occurredAt,
    outcome: e.outcome,
    reason: e.reason,
    ip: e.ip,
    country: e.country,
    device: deviceLabel(e.userAgent),
    userAgent: e.userAgent,
    reported: reported.has(String(e.id)),
  }));
}
