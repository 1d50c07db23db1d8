import "server-only";
import { createSodRuleSchema, type CreateSodRuleInput } from "@/lib/schemas/roles";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { parseOrThrow } from "../roles/role-change";
import { findSodConflicts } from "./sod-conflicts";
import { assertRuleIsNew, lockOrganization, ruleAuditView } from "./sod-rule-change";

/** Adds a rule: two permissions (domain × level, in different domains) one person must not hold together. */
export async function createSodRule(input: CreateSodRuleInput) {
  const actor = await authorize("security", "manage");
  const v = parseOrThrow(createSodRuleSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    await lockOrganization(tx, actor.organizationId);
    await assertRuleIsNew(tx, actor.organizationId, v);
    const rule = await tx.sodRule.create({
      data: { organizationId: actor.organizationId, name: v.name, domainA: v.domainA, levelA: v.levelA, domainB: v.domainB, levelB: v.levelB },
      select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true },
    });
    // Existing holders are not changed by a new rule; they show up in the conflicts list, and the count says how many.
    const { conflicts } = await findSodConflicts(tx, actor.organizationId, [rule], now);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "sod_rule.created",
      targetType: "sod_rule",
      targetId: rule.id,
      targetLabel: rule.name,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: null, after: ruleAuditView(rule), conflictsNow: conflicts.length },
    });
    return { id: rule.id, name: rule.name, conflictCount: conflicts.length };
  });
}
