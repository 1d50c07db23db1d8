import "server-only";
import { can } from "@/lib/permissions";
import { accountIdSchema } from "@/lib/schemas/accounts";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

/** One account of the caller's organization with its roles, lines, recent sign-ins and audit trail. */
export async function getAccountOrThrow(input: { id: string }) {
  const actor = await authorize("accounts", "view");
  const parsed = accountIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such account.");
  const prisma = await db();
  const account = await prisma.account.findFirst({
    where: { id: parsed.data.id, organizationId: actor.organizationId },
    select: {
      id: true,
      loginId: true,
      email: true,
      displayName: true,
      nameKana: true,
      employeeNumber: true,
      kind: true,
      contractorCompany: true,
      status: true,
      lockedUntil: true,
      totpEnabledAt: true,
      mustChangePassword: true,
      lastSignInAt: true,
      passwordChangedAt: true,
      createdAt: true,
      invitedAt: true,
      suspendedAt: true,
      departmentId: true,
      department: { select: { name: true } },
      grants: {
        where: { revokedAt: null },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          reason: true,
          sodJustification: true,
          createdAt: true,
          role: { select: { id: true, key: true, name: true, permissions: { select: { domain: true, level: true } } } },
          grantedBy: { select: { id: true, displayName: true } },
        },
      },
      incidents: {
        orderBy: { openedAt: "desc" },
        take: 5,
        select: { id: true, reason: true, detectedAt: true, notifiedAt: true, slaMet: true, slaMinutes: true, openedBy: { select: { displayName: true } } },
      },
      lines: {
        orderBy: { phoneNumber: "asc" },
        select: { id: true, phoneNumber: true, simType: true, plan: true, status: true },
      },
    },
  });
  if (!account) throw new AppError("not_found", "No such account.");
  const scope = { organizationId: actor.organizationId, targetId: account.id };
  const eventSelect = {
    id: true,
    occurredAt: true,
    action: true,
    outcome: true,
    reason: true,
    ip: true,
    country: true,
    userAgent: true,
    actorLabel: true,
  } as const;
  const [signIns, auditTrail] = await Promise.all([
    prisma.auditEvent.findMany({
      where: { ...scope, action: "auth.sign_in" },
      orderBy: { occurredAt: "desc" },
      take: 20,
      select: eventSelect,
    }),
    prisma.auditEvent.findMany({
      where: { ...scope, action: { not: "auth.sign_in" } },
      orderBy: { occurredAt: "desc" },
      take: 50,
      select: eventSelect,
    }),
  ]);
  const now = new Date();
  return {
    ...account,
    canManage: can(actor.permissions, "accounts", "manage"),
    canRequest: can(actor.permissions, "accounts", "request"),
    canRespondToIncident: can(actor.permissions, "security", "manage"),
    isSelf: account.id === actor.accountId,
    department: account.department?.name ?? null,
    departmentId: account.departmentId,
    grants: account.grants.map((g) => ({ ...g, expired: g.endsAt !== null && g.endsAt <= now })),
    signIns: signIns.map((e) => ({ ...e, id: e.id.toString() })),
    auditTrail: auditTrail.map((e) => ({ ...e, id: e.id.toString() })),
  };
}
