import "server-only";
// Granting a role as a kind of change request: filed with accounts:request, applied by someone else with
// accounts:manage under the same checks as a direct grant (no escalation by the approver, contractor end time,
// separation of duties with its justification).
import { roleGrantPayloadSchema, type RoleGrantPayload } from "@/lib/schemas/access";
import { formatDateTime } from "@/lib/format";
import { uuid } from "@/lib/schemas/requests";
import { AppError } from "../errors";
import { defineKind } from "../requests/request-kind";
import { applyRoleGrant, checkRoleGrant } from "./grant-role";

const label = (name: string, endsAt: Date | string | null) => (endsAt ? `${name} (〜${formatDateTime(new Date(endsAt))})` : name);

export const roleGrantKind = defineKind<RoleGrantPayload>({
  kind: "role_grant",
  domain: "accounts",
  targetType: "account",
  noun: "account",
  changedAction: "grant.created",
  schema: roleGrantPayloadSchema,
  async loadCurrent(tx, organizationId, targetId) {
    if (!uuid.safeParse(targetId).success) return null;
    const now = new Date();
    const account = await tx.account.findFirst({
      where: { id: targetId, organizationId },
      select: {
        displayName: true,
        loginId: true,
        grants: {
          where: { revokedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
          orderBy: { createdAt: "asc" },
          select: { endsAt: true, role: { select: { name: true } } },
        },
      },
    });
    if (!account) return null;
    return { label: `${account.displayName} (${account.loginId})`, values: { roles: account.grants.map((g) => label(g.role.name, g.endsAt)) } };
  },
  proposed(payload, current) {
    const roles = Array.isArray(current.values.roles) ? current.values.roles : [];
    return { roles: [...roles, label(payload.roleName ?? payload.roleId, payload.endsAt)] };
  },
  async validate(tx, { organizationId, targetId, payload, actor, now }) {
    const { conflicts, overrideAllowed, role } = await checkRoleGrant(tx, { ...actor, organizationId }, { accountId: targetId, roleId: payload.roleId, endsAt: payload.endsAt ? new Date(payload.endsAt) : null }, now, { asRequest: true });
    if (conflicts.length > 0 && !overrideAllowed) throw new AppError("conflict", `This grant breaks the separation-of-duty rule ${conflicts.map((c) => c.name).join(", ")}; your organization does not allow exceptions.`, "roleId", "sod_refused");
    if (conflicts.length > 0 && !payload.justification) throw new AppError("invalid", "This grant breaks a separation-of-duty rule: write why the exception is needed.", "justification", "sod_justification_required");
    return { ...payload, roleName: role.name };
  },
  async apply(tx, { targetId, payload }, { actor, now, reason }) {
    await applyRoleGrant(tx, actor, { accountId: targetId, roleId: payload.roleId, endsAt: payload.endsAt ? new Date(payload.endsAt) : null, reason: reason ?? "change request", justification: payload.justification ?? null }, now, { audit: false });
  },
  href: (targetId) => `/accounts/${targetId}`,
});
