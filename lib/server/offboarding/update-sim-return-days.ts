import "server-only";
import { simReturnDaysSchema, type SimReturnDaysInput } from "@/lib/schemas/offboarding";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";

/** How many days a leaver has to return a physical SIM, for cases started from now on (open tasks keep their due). */
export async function updateSimReturnDays(input: SimReturnDaysInput): Promise<{ days: number }> {
  const actor = await authorize("offboarding", "manage");
  const { days } = simReturnDaysSchema.parse(input);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { simReturnDays: true } });
    if (before.simReturnDays === days) return { days };
    await tx.organization.update({ where: { id: actor.organizationId }, data: { simReturnDays: days } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "offboarding.settings_changed",
      targetType: "organization",
      targetId: actor.organizationId,
      outcome: "success",
      ip: actor.ip,
      details: { before: { simReturnDays: before.simReturnDays }, after: { simReturnDays: days } },
    });
    return { days };
  });
}

