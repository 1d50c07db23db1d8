import "server-only";
import { inviteAccountSchema, type InviteAccountInput } from "@/lib/schemas/accounts";
import { recordAudit } from "../audit";
import { applyRoleGrant } from "../access/grant-role";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";
import { issueInvitation } from "./issue-invitation";
import { assertOnePersonOneId, isUniqueViolation } from "./one-person-one-id";

/** Creates an invited account and mails its one-time link; an optional first role is granted under the usual checks. */
export async function inviteAccount(input: InviteAccountInput): Promise<{ id: string; loginId: string; expiresAt: Date }> {
  const actor = await authorize("accounts", "manage");
  const data = inviteAccountSchema.parse(input);
  const prisma = await db();
  try {
    const { id, loginId, expiresAt, mailId } = await prisma.$transaction(async (tx) => {
      const now = new Date();
      const taken = await tx.account.findUnique({ where: { loginId: data.loginId }, select: { id: true } });
      if (taken) throw new AppError("conflict", `The OCN ID ${data.loginId} is already in use.`, "loginId", "login_id_taken");
      await assertOnePersonOneId(tx, { organizationId: actor.organizationId, email: data.email, employeeNumber: data.employeeNumber });
      if (data.departmentId) {
        const department = await tx.department.findFirst({ where: { id: data.departmentId, organizationId: actor.organizationId }, select: { id: true } });
        if (!department) throw new AppError("invalid", "No such department.", "departmentId", "no_department");
      }
      const account = await tx.account.create({
        data: {
          organizationId: actor.organizationId,
          loginId: data.loginId,
          email: data.email,
          displayName: data.displayName,
          nameKana: data.nameKana ?? null,
          employeeNumber: data.employeeNumber ?? null,
          departmentId: data.departmentId ?? null,
          kind: data.kind,
          contractorCompany: data.kind === "contractor" ? (data.contractorCompany ?? null) : null,
          status: "invited",
          createdAt: now,
        },
        select: { id: true, organizationId: true, loginId: true, email: true, displayName: true, kind: true },
      });
      await recordAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.accountId,
        actorLabel: actor.loginId,
        action: "account.invited",
        targetType: "account",
        targetId: account.id,
        targetLabel: account.loginId,
        outcome: "success",
        ip: actor.ip,
        occurredAt: now,
        details: { before: null, after: { status: "invited", email: data.email, displayName: data.displayName, employeeNumber: data.employeeNumber ?? null, kind: data.kind } },
      });
      // Everyone holds the member role (no permissions of its own): it is what "member only" means in the form.
      const memberRole = await tx.role.findFirst({ where: { organizationId: actor.organizationId, key: "member" }, select: { id: true } });
      if (memberRole && memberRole.id !== data.roleId) {
        await tx.roleGrant.create({ data: { organizationId: actor.organizationId, accountId: account.id, roleId: memberRole.id, grantedById: actor.accountId, reason: "invitation", startsAt: now, createdAt: now, endsAt: data.kind === "contractor" ? (data.grantEndsAt ?? null) : null } });
      }
      if (data.roleId) {
        await applyRoleGrant(tx, actor, { accountId: account.id, roleId: data.roleId, endsAt: data.grantEndsAt ?? null, reason: "invitation", justification: data.justification ?? null }, now).catch((e: unknown) => {
          // The invite form names the end-time field differently, and its contractor message speaks of this grant.
          if (e instanceof AppError && e.field === "endsAt") throw new AppError(e.code, e.message, "grantEndsAt", e.key === "contractor_needs_end" ? "contractor_needs_end_grant" : e.key);
          throw e;
        });
      }
      const invitation = await issueInvitation(tx, account, { invitedById: actor.accountId, organizationName: actor.organizationName, now });
      return { id: account.id, loginId: account.loginId, ...invitation };
    });
    await deliver([mailId]);
    return { id, loginId, expiresAt };
  } catch (e) {
    if (isUniqueViolation(e) && !(e instanceof AppError)) throw new AppError("conflict", "Someone else just registered the same OCN ID, mail address or employee number.", "loginId", "login_id_taken");
    throw e;
  }
}
