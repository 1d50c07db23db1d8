import "server-only";
import { can } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";
import { loadSodRules } from "../roles/role-change";
import { findSodConflicts } from "./sod-conflicts";

/** The organization's separation-of-duty rules, how many people break each now, and whether exceptions are allowed. */
export async function listSodRules() {
  const actor = await authorize("accounts", "view");
  const prisma = await db();
  const now = new Date();
  const [rules, organization] = await Promise.all([
    loadSodRules(prisma, actor.organizationId),
    prisma.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { sodOverrideAllowed: true } }),
  ]);
  const { conflicts } = await findSodConflicts(prisma, actor.organizationId, rules, now);
  const counts = new Map<string, number>();
  for (const c of conflicts) counts.set(c.rule.id, (counts.get(c.rule.id) ?? 0) + 1);
  return {
    rules: rules.map((r) => ({ ...r, conflictCount: counts.get(r.id) ?? 0 })),
    overrideAllowed: organization.sodOverrideAllowed,
    canManage: can(actor.permissions, "security", "manage"),
  };
}
