import "server-only";
import { updateLockoutPolicySchema, type UpdateLockoutPolicyInput } from "@/lib/schemas/policies";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { lockoutView, storedDefaults } from "./get-sign-in-policies";

/** Sets when failed sign-ins lock an account and for how long; applies from the next failed attempt. */
export async function updateLockoutPolicy(input: UpdateLockoutPolicyInput) {
  const actor = await authorize("security", "manage");
  const parsed = updateLockoutPolicySchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]!.message, parsed.error.issues[0]!.path.join("."));
  const v = parsed.data;
  const after = {
    threshold: v.threshold,
    windowSeconds: v.windowMinutes * 60,
    durationSeconds: v.lockEnds === "admin_unlocks" ? null : v.durationMinutes! * 60,
    escalate: v.escalate,
  };
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    // One policy change at a time per organization, so the event's "before" is exact.
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${actor.organizationId}::uuid FOR NO KEY UPDATE`;
    const where = { organizationId: actor.organizationId };
    const row = await tx.lockoutPolicy.findUnique({ where, select: { threshold: true, windowSeconds: true, durationSeconds: true, escalate: true } });
    const before = row ?? storedDefaults().lockout;
    const changed = (Object.keys(after) as (keyof typeof after)[]).some((k) => before[k] !== after[k]);
    if (!changed) return { changed: false, policy: lockoutView(before) };
    await tx.lockoutPolicy.upsert({ where, create: { ...where, ...after }, update: after });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "policy.lockout_updated",
      targetType: "organization",
      targetId: actor.organizationId,
      targetLabel: actor.organizationName,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before, after },
    });
    return { changed: true, policy: lockoutView(after) };
  });
}
