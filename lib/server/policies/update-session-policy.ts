import "server-only";
import { updateSessionPolicySchema, type UpdateSessionPolicyInput } from "@/lib/schemas/policies";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { storedDefaults } from "./get-sign-in-policies";

/**
 * Sets how long a session may sit idle and how long it may last at most. The idle limit applies to open sessions
 * at their next request; the maximum is fixed for each session when it signs in.
 */
export async function updateSessionPolicy(input: UpdateSessionPolicyInput) {
  const actor = await authorize("security", "manage");
  const parsed = updateSessionPolicySchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]!.message, parsed.error.issues[0]!.path.join("."));
  const after = { idleMinutes: parsed.data.idleMinutes, absoluteHours: parsed.data.absoluteHours };
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    // One policy change at a time per organization, so the event's "before" is exact.
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${actor.organizationId}::uuid FOR NO KEY UPDATE`;
    const where = { organizationId: actor.organizationId };
    const row = await tx.sessionPolicy.findUnique({ where, select: { idleMinutes: true, absoluteHours: true } });
    const before = row ?? storedDefaults().session;
    if (before.idleMinutes === after.idleMinutes && before.absoluteHours === after.absoluteHours) return { changed: false, policy: before };
    await tx.sessionPolicy.upsert({ where, create: { ...where, ...after }, update: after });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "policy.session_updated",
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
