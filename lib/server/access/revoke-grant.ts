import "server-only";
import { revokeGrantSchema, type RevokeGrantInput } from "@/lib/schemas/access";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";

export interface ChangeBy {
  id: string | null;
  label: string;
  ip?: string | null;
}

/**
 * Ends a grant now, inside the caller's transaction, audited as grant.revoked: the one command for an admin's
 * revocation and a review's. Returns false (writing nothing) when the grant is already revoked.
 */
export async function revokeGrantIn(tx: Tx, organizationId: string, by: ChangeBy, grantId: string, reason: string | null, now: Date, details: Record<string, unknown> = {}): Promise<boolean> {
  const grant = await tx.roleGrant.findFirst({
    where: { id: grantId, organizationId },
    select: { id: true, revokedAt: true, endsAt: true, account: { select: { id: true, loginId: true } }, role: { select: { key: true, name: true } } },
  });
  if (!grant) throw new AppError("not_found", "No such grant.");
  if (grant.revokedAt) return false;
  const { count } = await tx.roleGrant.updateMany({ where: { id: grant.id, revokedAt: null }, data: { revokedAt: now, revokedById: by.id } });
  if (count === 0) return false;
  await recordAudit(tx, {
    organizationId,
    actorId: by.id,
    actorLabel: by.label,
    action: "grant.revoked",
    targetType: "account",
    targetId: grant.account.id,
    targetLabel: grant.account.loginId,
    outcome: "success",
    reason,
    ip: by.ip ?? null,
    occurredAt: now,
    details: { grantId: grant.id, role: grant.role.key ?? grant.role.name, endsAt: grant.endsAt?.toISOString() ?? null, alreadyEnded: grant.endsAt !== null && grant.endsAt <= now, ...details },
  });
  return true;
}

/** Ends a grant now; the holder's next request already runs without its permissions. */
export async function revokeGrant(input: RevokeGrantInput): Promise<void> {
  const actor = await authorize("accounts", "manage");
  const data = revokeGrantSchema.parse(input);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const grant = await tx.roleGrant.findFirst({ where: { id: data.grantId, organizationId: actor.organizationId }, select: { accountId: true, revokedAt: true } });
    if (!grant) throw new AppError("not_found", "No such grant.");
    if (grant.accountId === actor.accountId) throw new AppError("forbidden", "You cannot revoke your own role: someone else must.", undefined, "self_revoke");
    if (grant.revokedAt) throw new AppError("conflict", "This grant has already been revoked.", undefined, "already_revoked");
    await revokeGrantIn(tx, actor.organizationId, { id: actor.accountId, label: actor.loginId, ip: actor.ip }, data.grantId, data.reason || null, now);
  });
}
