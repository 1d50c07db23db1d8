import "server-only";
import { updateSodRuleSchema, type UpdateSodRuleInput } from "@/lib/schemas/roles";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { comparableName, parseOrThrow } from "../roles/role-change";
import { findSodConflicts } from "./sod-conflicts";
import { assertRuleIsNew, lockOrganization, ruleAuditView, shownNames } from "./sod-rule-change";

/** Changes a rule's name or sides; a default rule keeps its translated name while the name shown is left as it was. */
export async function updateSodRule(input: UpdateSodRuleInput) {
  const actor = await authorize("security", "manage");
  const parsed = updateSodRuleSchema.safeParse(input);
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === "id")) throw new AppError("not_found", "No such rule.");
  const v = parseOrThrow(updateSodRuleSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    await lockOrganization(tx, actor.organizationId);
    const before = await tx.sodRule.findFirst({
      where: { id: v.id, organizationId: actor.organizationId },
      select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true },
    });
    if (!before) throw new AppError("not_found", "No such rule.");
    const name = shownNames(before.name).some((n) => comparableName(n) === comparableName(v.name)) ? before.name : v.name;
    const after = { name, domainA: v.domainA, levelA: v.levelA, domainB: v.domainB, levelB: v.levelB };
    await assertRuleIsNew(tx, actor.organizationId, after, v.id);
    const rule = await tx.sodRule.update({
      where: { id: v.id },
      data: after,
      select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true },
    });
    const { conflicts } = await findSodConflicts(tx, actor.organizationId, [rule], now);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "sod_rule.updated",
      targetType: "sod_rule",
      targetId: rule.id,
      targetLabel: rule.name,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: ruleAuditView(before), after: ruleAuditView(rule), conflictsNow: conflicts.length },
    });
    return { id: rule.id, name: rule.name, conflictCount: conflicts.length };
  });
}
