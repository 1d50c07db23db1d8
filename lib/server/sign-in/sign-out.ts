import "server-only";
import { recordAudit } from "../audit";
import { currentActor } from "../authorize";
import { db } from "../db";

/** Ends the caller's session row; the cookie alone would not be enough. */
export async function signOut(): Promise<void> {
  const actor = await currentActor();
  if (!actor) return;
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await tx.session.update({ where: { id: actor.sessionId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "auth.sign_out",
      targetType: "session",
      targetId: actor.sessionId,
      outcome: "success",
      ip: actor.ip,
    });
  });
}
