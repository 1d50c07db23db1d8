import "server-only";
import { sodRuleIdSchema, type SodRuleIdInput } from "@/lib/schemas/roles";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { lockOrganization, ruleAuditView } from "./sod-rule-change";

/** Removes a rule: grants are no longer checked against it and its conflicts leave the list. */
export async function deleteSodRule(input: SodRuleIdInput) {
  const actor = await authorize("security", "manage");
  const parsed = sodRuleIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such rule.");
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockOrganization(tx, actor.organizationId);
    const rule = await tx.sodRule.findFirst({
      where: { id: parsed.data.id, organizationId: actor.organizationId },
      select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true },
    });
    if (!rule) throw new AppError("not_found", "No such rule.");
    await tx.sodRule.delete({ where: { id: rule.id } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "sod_rule.deleted",
      targetType: "sod_rule",
      targetId: rule.id,
      targetLabel: rule.name,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: ruleAuditView(rule), after: null },
    });
    return { id: rule.id, name: rule.name };
  });
}
