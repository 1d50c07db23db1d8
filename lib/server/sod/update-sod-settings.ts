import "server-only";
import { updateSodSettingsSchema, type UpdateSodSettingsInput } from "@/lib/schemas/roles";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { parseOrThrow } from "../roles/role-change";
import { lockOrganization } from "./sod-rule-change";

/** Whether a grant (or role change) into a conflict may go ahead with a written justification instead of being refused. */
export async function updateSodSettings(input: UpdateSodSettingsInput) {
  const actor = await authorize("security", "manage");
  const { overrideAllowed } = parseOrThrow(updateSodSettingsSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockOrganization(tx, actor.organizationId);
    const before = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { sodOverrideAllowed: true } });
    if (before.sodOverrideAllowed === overrideAllowed) return { changed: false, overrideAllowed };
    await tx.organization.update({ where: { id: actor.organizationId }, data: { sodOverrideAllowed: overrideAllowed } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "sod.settings_updated",
      targetType: "organization",
      targetId: actor.organizationId,
      targetLabel: actor.organizationName,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: { overrideAllowed: before.sodOverrideAllowed }, after: { overrideAllowed } },
    });
    return { changed: true, overrideAllowed };
  });
}
