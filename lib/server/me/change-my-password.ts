import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { verifyPassword } from "../password";
import { setPassword, type PasswordRejection } from "../sign-in/set-password";

export const changeMyPasswordSchema = z
  .object({
    current: z.string().min(1, "required").max(1024, "too_long"),
    password: z.string().min(1, "required").max(1024, "too_long"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "mismatch", path: ["confirm"] });

/** A member changes their own password: the current one first; every other session ends, this one stays. */
export async function changeMyPassword(input: z.infer<typeof changeMyPasswordSchema>): Promise<{ ok: true } | { ok: false; problems: PasswordRejection[] }> {
  const actor = await authorize();
  const prisma = await db();
  const { passwordHash } = await prisma.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { passwordHash: true } });
  if (!passwordHash || !(await verifyPassword(passwordHash, input.current))) {
    throw new AppError("invalid", "The current password is wrong.", "current");
  }
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const result = await setPassword(tx, actor.accountId, input.password, now);
    if (!result.ok) return result;
    const { sessionVersion } = await tx.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { sessionVersion: true } });
    await tx.session.update({ where: { id: actor.sessionId }, data: { revokedAt: null, sessionVersion } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "account.password_changed",
      targetType: "account",
      targetId: actor.accountId,
      targetLabel: actor.loginId,
      outcome: "success",
      ip: actor.ip,
      occurredAt: now,
      details: { via: "my_page" },
    });
    return { ok: true } as const;
  });
}
