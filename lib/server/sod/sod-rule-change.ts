import "server-only";
import type { SodRuleLike } from "@/lib/policy/separation-of-duties";
import { DEFAULT_SOD_RULES } from "@/lib/permissions";
import enRoles from "@/lib/i18n/messages/en/roles.json";
import jaRoles from "@/lib/i18n/messages/ja/roles.json";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { comparableName, describeRule } from "../roles/role-change";

// Shared by the rule operations: one change at a time per organization, names people can tell apart, no duplicate pair.

const DEFAULT_KEYS = new Set(DEFAULT_SOD_RULES.map((r) => r.key));
export const shownNames = (name: string): string[] => {
  if (!DEFAULT_KEYS.has(name)) return [name];
  const key = name as keyof typeof enRoles.rolesArea.sod.defaultNames;
  return [name, enRoles.rolesArea.sod.defaultNames[key], jaRoles.rolesArea.sod.defaultNames[key]];
};

/** Serializes rule and setting changes per organization (the organization row is the lock). */
export async function lockOrganization(tx: Tx, organizationId: string) {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
}

const sameSides = (a: Omit<SodRuleLike, "id" | "name">, b: Omit<SodRuleLike, "id" | "name">) =>
  (a.domainA === b.domainA && a.levelA === b.levelA && a.domainB === b.domainB && a.levelB === b.levelB) ||
  (a.domainA === b.domainB && a.levelA === b.levelB && a.domainB === b.domainA && a.levelB === b.levelA);

/** Refuses a name another rule already shows (default rules in either language too) and a pair another rule already covers. */
export async function assertRuleIsNew(tx: Tx, organizationId: string, rule: Omit<SodRuleLike, "id">, exceptId?: string) {
  const others = await tx.sodRule.findMany({
    where: { organizationId, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true },
  });
  const wanted = comparableName(rule.name);
  if (others.some((o) => shownNames(o.name).some((n) => comparableName(n) === wanted))) {
    throw new AppError("conflict", `A rule named "${rule.name}" already exists.`, "name", "rule_name_taken");
  }
  const same = others.find((o) => sameSides(o, rule));
  if (same) throw new AppError("conflict", `The rule ${describeRule(same)} already covers this pair.`, "domainB", "rule_pair_taken");
}

/** A rule as audit events record it. */
export const ruleAuditView = (r: Omit<SodRuleLike, "id">) => ({ name: r.name, a: `${r.domainA}:${r.levelA}`, b: `${r.domainB}:${r.levelB}` });
