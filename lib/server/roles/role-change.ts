import "server-only";
import type { z } from "zod";
import { DEFAULT_SOD_RULES, DOMAINS, SOD_EXEMPT_ROLE_KEYS, levelSatisfies, mergePermissions, type Level, type PermissionSet } from "@/lib/permissions";
import { newSodConflicts, type SodRuleLike } from "@/lib/policy/separation-of-duties";
import enCore from "@/lib/i18n/messages/en/core.json";
import jaCore from "@/lib/i18n/messages/ja/core.json";
import enRoles from "@/lib/i18n/messages/en/roles.json";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { activeGrantWhere, effectivePermissions, permissionSetOf } from "../access/effective-permissions";

// Shared by the custom-role operations and the separation-of-duty views: input checks, names, the no-escalation
// rule, and what a change to a role would do to the people who hold it.

/** The operation's own parse, for callers that do not come through the action wrapper. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || undefined;
    throw new AppError("invalid", field ? `${field}: ${issue.message}` : issue.message, field, issue.message);
  }
  return parsed.data;
}

/** Names compare as people read them: full-width and case do not make a different name. */
export const comparableName = (name: string) => name.normalize("NFKC").trim().toLowerCase();

// A custom role may not take a built-in role's name in either language: the matrix would show two of them.
const BUILT_IN_NAMES = new Set([...Object.values(jaCore.roles), ...Object.values(enCore.roles)].map(comparableName));

export async function assertRoleNameFree(tx: Tx, organizationId: string, name: string, exceptId?: string): Promise<void> {
  const wanted = comparableName(name);
  const taken =
    BUILT_IN_NAMES.has(wanted) ||
    (await tx.role.findMany({ where: { organizationId, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } })).some(
      (r) => comparableName(r.name) === wanted,
    );
  if (taken) throw new AppError("conflict", `A role named "${name}" already exists in your organization.`, "name", "name_taken");
}

/** Locks the role for the transaction (a grant or another edit waits) and reads it; another organization's id is not found. */
export async function lockRole(tx: Tx, organizationId: string, id: string) {
  await tx.$queryRaw`SELECT id FROM roles WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`;
  const role = await tx.role.findFirst({
    where: { id, organizationId },
    select: { id: true, key: true, name: true, description: true, builtIn: true, permissions: { select: { domain: true, level: true } } },
  });
  if (!role) throw new AppError("not_found", "No such role.");
  if (role.builtIn) throw new AppError("conflict", "Built-in roles cannot be edited or deleted.", undefined, "built_in");
  return { ...role, permissions: permissionSetOf(role.permissions) };
}

/** A role as audit events record it, before and after a change. */
export function roleAuditView(role: { name: string; description: string | null; permissions: PermissionSet }) {
  return { name: role.name, description: role.description, permissions: orderedPermissions(role.permissions) };
}

export function orderedPermissions(set: PermissionSet): PermissionSet {
  const out: PermissionSet = {};
  for (const domain of DOMAINS) if (set[domain]) out[domain] = set[domain];
  return out;
}

export const permissionRows = (set: PermissionSet) => DOMAINS.flatMap((domain) => (set[domain] ? [{ domain, level: set[domain] as Level }] : []));

/**
 * No escalation: every permission a change raises must be one the actor holds at that level. What a role already
 * has may stay (editing a role is not handing out what it held before); org admins hold everything.
 */
export function assertNoEscalation(actorPermissions: PermissionSet, before: PermissionSet, after: PermissionSet): void {
  const above = DOMAINS.filter((d) => {
    const level = after[d];
    return level !== undefined && !levelSatisfies(before[d], level) && !levelSatisfies(actorPermissions[d], level);
  });
  if (above.length > 0) {
    throw new AppError(
      "forbidden",
      `You cannot give a role ${above.map((d) => `${d}:${after[d]}`).join(", ")}: you do not hold ${above.length === 1 ? "it" : "them"} yourself.`,
      `permissions.${above[0]}`,
      "escalation",
    );
  }
}

export const isSodExemptRole = (key: string | null) => key !== null && (SOD_EXEMPT_ROLE_KEYS as readonly string[]).includes(key);

const DEFAULT_RULE_ORDER = new Map(DEFAULT_SOD_RULES.map((r, i) => [r.key, i]));

/** The organization's rules, oldest first; the defaults, created together, in their defined order. */
export async function loadSodRules(tx: Db | Tx, organizationId: string): Promise<SodRuleLike[]> {
  const rows = await tx.sodRule.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true, createdAt: true },
  });
  const order = (name: string) => DEFAULT_RULE_ORDER.get(name) ?? DEFAULT_RULE_ORDER.size;
  return rows
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || order(a.name) - order(b.name))
    .map((r) => ({ id: r.id, name: r.name, domainA: r.domainA, levelA: r.levelA, domainB: r.domainB, levelB: r.levelB }));
}

const defaultRuleNames = enRoles.rolesArea.sod.defaultNames as Record<string, string>;

/** A rule as an English sentence names it in messages: the default rules are stored by key. */
export function describeRule(rule: SodRuleLike): string {
  return `"${defaultRuleNames[rule.name] ?? rule.name}" (${rule.domainA}:${rule.levelA} with ${rule.domainB}:${rule.levelB})`;
}

export interface HolderConflict {
  accountId: string;
  displayName: string;
  loginId: string;
  rules: SodRuleLike[];
}

/**
 * The people who hold the role now (disabled accounts aside: they cannot act) and the rules each would newly break
 * if the role's permissions became `after`. Holders of an exempt role (org admin) are outside the rules.
 */
export async function holdersPushedIntoConflict(
  tx: Tx,
  organizationId: string,
  roleId: string,
  after: PermissionSet,
  rules: readonly SodRuleLike[],
  now: Date,
): Promise<HolderConflict[]> {
  if (rules.length === 0) return [];
  const holders = await tx.account.findMany({
    where: { organizationId, status: { not: "disabled" }, grants: { some: { roleId, organizationId, ...activeGrantWhere(now) } } },
    orderBy: [{ nameKana: { sort: "asc", nulls: "last" } }, { displayName: "asc" }, { id: "asc" }],
    select: { id: true, displayName: true, loginId: true },
  });
  const access = await effectivePermissions(tx, organizationId, holders.map((h) => h.id), now);
  return holders.flatMap((holder) => {
    const held = access.get(holder.id)!;
    if (held.grants.some((g) => isSodExemptRole(g.roleKey))) return [];
    const changed = mergePermissions(held.grants.map((g) => (g.roleId === roleId ? after : g.permissions)));
    const broken = newSodConflicts(held.permissions, changed, rules);
    return broken.length > 0 ? [{ accountId: holder.id, displayName: holder.displayName, loginId: holder.loginId, rules: broken }] : [];
  });
}
