import "server-only";
import { updatePasswordPolicySchema, type UpdatePasswordPolicyInput } from "@/lib/schemas/policies";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { storedDefaults } from "./get-sign-in-policies";

/**
 * Sets the minimum length, the maximum age and how many earlier passwords may not come back. A new minimum applies
 * to the next password set; a shorter maximum age makes older passwords expire at their next sign-in.
 * Two-step verification stays mandatory: it is not part of this policy's input.
 */
export async function updatePasswordPolicy(input: UpdatePasswordPolicyInput) {
  const actor = await authorize("security", "manage");
  const parsed = updatePasswordPolicySchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]!.message, parsed.error.issues[0]!.path.join("."));
  const v = parsed.data;
  const after = { minLength: v.minLength, maxAgeDays: v.expires === "never" ? null : v.maxAgeDays!, historyDepth: v.historyDepth };
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    // One policy change at a time per organization, so the event's "before" is exact.
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${actor.organizationId}::uuid FOR NO KEY UPDATE`;
    const where = { organizationId: actor.organizationId };
    const row = await tx.passwordPolicy.findUnique({ where, select: { minLength: true, maxAgeDays: true, historyDepth: true } });
    const before = row ?? storedDefaults().password;
    const changed = (Object.keys(after) as (keyof typeof after)[]).some((k) => before[k] !== after[k]);
    if (!changed) return { changed: false, policy: before };
    await tx.passwordPolicy.upsert({ where, create: { ...where, ...after }, update: after });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "policy.password_updated",
      targetType: "organization",
      targetId: actor.organizationId,
      targetLabel: actor.organizationName,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before, after },
    });
    return { changed: true, policy: after };
  });
}
