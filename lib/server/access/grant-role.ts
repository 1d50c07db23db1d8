import "server-only";
import { BUILT_IN_ROLE_KEYS, SOD_EXEMPT_ROLE_KEYS, levelSatisfies, mergePermissions, type BuiltInRoleKey, type Domain, type Level, type PermissionSet } from "@/lib/permissions";
import { newSodConflicts } from "@/lib/policy/separation-of-duties";
import { grantRoleSchema, type GrantRoleInput } from "@/lib/schemas/access";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";

type Granter = Pick<Actor, "accountId" | "organizationId" | "loginId" | "permissions" | "ip">;
export interface RoleGrantChange {
  accountId: string;
  roleId: string;
  endsAt: Date | null;
  reason: string;
  justification: string | null;
}

const isExempt = (key: string | null) => key !== null && (SOD_EXEMPT_ROLE_KEYS as readonly string[]).includes(key) && (BUILT_IN_ROLE_KEYS as readonly string[]).includes(key as BuiltInRoleKey);
const toSet = (permissions: { domain: Domain; level: Level }[]): PermissionSet => Object.fromEntries(permissions.map((p) => [p.domain, p.level]));

/** What a grant would change, checked without writing: used by the grant form's preview and by the grant itself. */
export async function checkRoleGrant(tx: Tx, granter: Granter, change: Omit<RoleGrantChange, "reason" | "justification">, now: Date, { asRequest = false } = {}) {
  const account = await tx.account.findFirst({
    where: { id: change.accountId, organizationId: granter.organizationId },
    select: { id: true, loginId: true, status: true, kind: true },
  });
  if (!account) throw new AppError("not_found", "No such account.");
  if (account.status === "disabled") throw new AppError("conflict", "A disabled account cannot be given roles.", undefined, "disabled_account");
  if (account.id === granter.accountId && !asRequest) throw new AppError("forbidden", "You cannot grant a role to yourself: someone else must.", undefined, "self_grant");
  // A role edit holds the role FOR UPDATE while it checks its holders for conflicts; a grant waits for it.
  await tx.$queryRaw`SELECT id FROM roles WHERE id = ${change.roleId}::uuid AND organization_id = ${granter.organizationId}::uuid FOR SHARE`;
  const role = await tx.role.findFirst({
    where: { id: change.roleId, organizationId: granter.organizationId },
    select: { id: true, key: true, name: true, permissions: { select: { domain: true, level: true } } },
  });
  if (!role) throw new AppError("not_found", "No such role.", "roleId", "no_role");
  // No escalation: nobody hands out a permission above their own.
  const above = role.permissions.filter((p) => !levelSatisfies(granter.permissions[p.domain], p.level));
  if (above.length > 0 && !asRequest) throw new AppError("forbidden", `This role includes ${above.map((p) => `${p.domain}:${p.level}`).join(", ")}, which you do not hold yourself.`, "roleId", "escalation");
  if (change.endsAt && change.endsAt <= now) throw new AppError("invalid", "The end time must be in the future.", "endsAt", "end_in_past");
  if (account.kind === "contractor" && !change.endsAt) throw new AppError("invalid", "A contractor's role must have an end time.", "endsAt", "contractor_needs_end");
  const grants = await tx.roleGrant.findMany({
    where: { accountId: account.id, organizationId: granter.organizationId, revokedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    select: { roleId: true, role: { select: { key: true, permissions: { select: { domain: true, level: true } } } } },
  });
  if (grants.some((g) => g.roleId === role.id)) throw new AppError("conflict", "This person already holds this role.", "roleId", "already_holds");
  const exempt = isExempt(role.key) || grants.some((g) => isExempt(g.role.key));
  const before = mergePermissions(grants.map((g) => toSet(g.role.permissions)));
  const after = mergePermissions([before, toSet(role.permissions)]);
  const rules = exempt ? [] : await tx.sodRule.findMany({ where: { organizationId: granter.organizationId }, select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true } });
  const conflicts = newSodConflicts(before, after, rules);
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: granter.organizationId }, select: { sodOverrideAllowed: true } });
  return { account, role, conflicts, overrideAllowed: organization.sodOverrideAllowed };
}

/** Inside the caller's transaction: checks (organization, self-grant, escalation, contractor end, separation of duties) and grants. */
export async function applyRoleGrant(tx: Tx, granter: Granter, change: RoleGrantChange, now: Date, { audit = true } = {}): Promise<{ grantId: string }> {
  const { account, role, conflicts, overrideAllowed } = await checkRoleGrant(tx, granter, change, now);
  const names = conflicts.map((c) => c.name).join(", ");
  if (conflicts.length > 0 && !overrideAllowed) {
    throw new AppError("conflict", `This grant breaks the separation-of-duty rule ${names}; your organization does not allow exceptions.`, "roleId", "sod_refused");
  }
  if (conflicts.length > 0 && !change.justification) {
    throw new AppError("invalid", `This grant breaks the separation-of-duty rule ${names}: write why the exception is needed.`, "justification", "sod_justification_required");
  }
  const grant = await tx.roleGrant.create({
    data: {
      organizationId: granter.organizationId,
      accountId: account.id,
      roleId: role.id,
      grantedById: granter.accountId,
      reason: change.reason,
      startsAt: now,
      endsAt: change.endsAt,
      sodJustification: conflicts.length > 0 ? change.justification : null,
      createdAt: now,
    },
    select: { id: true },
  });
  // An approved request records the change itself (before/after roles, the request); the grant row keeps the rest.
  if (!audit) return { grantId: grant.id };
  await recordAudit(tx, {
    organizationId: granter.organizationId,
    actorId: granter.accountId,
    actorLabel: granter.loginId,
    action: "grant.created",
    targetType: "account",
    targetId: account.id,
    targetLabel: account.loginId,
    outcome: "success",
    reason: change.reason,
    ip: granter.ip,
    occurredAt: now,
    details: {
      grantId: grant.id,
      role: role.key ?? role.name,
      endsAt: change.endsAt?.toISOString() ?? null,
      ...(conflicts.length > 0 ? { sodConflicts: conflicts.map((c) => c.name), justification: change.justification } : {}),
    },
  });
  return { grantId: grant.id };
}

/** Grants a role directly (accounts:manage). With only accounts:request, the same form files a change request instead. */
export async function grantRole(input: GrantRoleInput): Promise<{ grantId: string }> {
  const actor = await authorize("accounts", "manage");
  const data = grantRoleSchema.parse(input);
  const prisma = await db();
  return prisma.$transaction((tx) => applyRoleGrant(tx, actor, { accountId: data.accountId, roleId: data.roleId, endsAt: data.endsAt ?? null, reason: data.reason, justification: data.justification ?? null }, new Date()));
}

/** What granting this role would bring (separation-of-duty conflicts, whether an exception is allowed), for the form. */
export async function previewRoleGrant(input: { accountId: string; roleId: string; endsAt?: string | Date | null }) {
  const actor = await authorize("accounts", "request");
  const data = grantRoleSchema.pick({ accountId: true, roleId: true, endsAt: true }).parse(input);
  const prisma = await db();
  // Checked as a request: a role above the caller's own permissions is filed for approval rather than refused.
  const { conflicts, overrideAllowed } = await prisma.$transaction((tx) => checkRoleGrant(tx, actor, { accountId: data.accountId, roleId: data.roleId, endsAt: data.endsAt ?? null }, new Date(), { asRequest: true }));
  return { conflicts: conflicts.map((c) => ({ name: c.name, a: `${c.domainA}:${c.levelA}`, b: `${c.domainB}:${c.levelB}` })), overrideAllowed };
}
