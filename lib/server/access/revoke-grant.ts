import "server-only";
import { revokeGrantSchema, type RevokeGrantInput } from "@/lib/schemas/access";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

/** Ends a grant now; the holder's next request already runs without its permissions. */
export async function revokeGrant(input: RevokeGrantInput): Promise<void> {
  const actor = await authorize("accounts", "manage");
  const data = revokeGrantSchema.parse(input);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const grant = await tx.roleGrant.findFirst({
      where: { id: data.grantId, organizationId: actor.organizationId },
      select: { id: true, revokedAt: true, endsAt: true, account: { select: { id: true, loginId: true } }, role: { select: { key: true, name: true } } },
    });
    if (!grant) throw new AppError("not_found", "No such grant.");
    if (grant.account.id === actor.accountId) throw new AppError("forbidden", "You cannot revoke your own role: someone else must.", undefined, "self_revoke");
    if (grant.revokedAt) throw new AppError("conflict", "This grant has already been revoked.", undefined, "already_revoked");
    await tx.roleGrant.update({ where: { id: grant.id }, data: { revokedAt: now, revokedById: actor.accountId } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "grant.revoked",
      targetType: "account",
      targetId: grant.account.id,
      targetLabel: grant.account.loginId,
      outcome: "success",
      reason: data.reason || null,
      ip: actor.ip,
      occurredAt: now,
      details: { grantId: grant.id, role: grant.role.key ?? grant.role.name, endsAt: grant.endsAt?.toISOString() ?? null, alreadyEnded: grant.endsAt !== null && grant.endsAt <= now },
    });
  });
}
