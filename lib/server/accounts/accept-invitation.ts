import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import { recordAudit } from "../audit";
import { db } from "../db";
import { hashToken } from "../sign-in/challenge";
import type { ClientInfo } from "../sign-in/finish-sign-in";
import { setPassword, type PasswordRejection } from "../sign-in/set-password";
import { withOrganization } from "../tenant-context";
import { organizationOf } from "../tenant-lookup";

/** An invitation link is good while unused, unexpired, the newest for its account, and the account still invited. */
export async function findInvitation(token: string | undefined, now = new Date()) {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  // Before a session exists the link is the only key: its organization first, then everything inside that scope.
  const organizationId = await organizationOf("invitation", tokenHash);
  if (!organizationId) return null;
  const prisma = await db();
  const row = await withOrganization(organizationId, () => prisma.invitation.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      accountId: true,
      organizationId: true,
      expiresAt: true,
      usedAt: true,
      account: { select: { loginId: true, displayName: true, status: true, accessEndsAt: true, organization: { select: { name: true, passwordPolicy: { select: { minLength: true } } } } } },
    },
  }));
  if (!row || row.usedAt || row.expiresAt <= now || row.account.status !== "invited" || accessEnded(row.account.accessEndsAt, now)) return null;
  return {
    id: row.id,
    accountId: row.accountId,
    organizationId: row.organizationId,
    loginId: row.account.loginId,
    displayName: row.account.displayName,
    organizationName: row.account.organization.name,
    minLength: row.account.organization.passwordPolicy?.minLength ?? 12,
  };
}

/** The invitee sets the first password: the account becomes active; the second factor is enrolled at the first sign-in. */
export async function acceptInvitation(
  token: string | undefined,
  input: { password: string; confirm: string },
  client: ClientInfo,
): Promise<{ ok: true; loginId: string } | { ok: false; expired: true } | { ok: false; problems: PasswordRejection[] }> {
  const found = await findInvitation(token);
  if (!found) return { ok: false, expired: true };
  const prisma = await db();
  return withOrganization(found.organizationId, () => prisma
    .$transaction(async (tx) => {
      const now = new Date();
      const claimed = await tx.invitation.updateMany({ where: { id: found.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      const activated = await tx.account.updateMany({ where: { id: found.accountId, status: "invited" }, data: { status: "active" } });
      if (claimed.count !== 1 || activated.count !== 1) throw new InvitationGone();
      const result = await setPassword(tx, found.accountId, input.password, now);
      if (!result.ok) throw new PasswordRefused(result.problems);
      await recordAudit(tx, {
        organizationId: found.organizationId,
        actorId: found.accountId,
        actorLabel: found.loginId,
        action: "account.invitation_accepted",
        targetType: "account",
        targetId: found.accountId,
        targetLabel: found.loginId,
        outcome: "success",
        ip: client.ip,
        userAgent: client.userAgent,
        occurredAt: now,
        details: { before: { status: "invited" }, after: { status: "active" } },
      });
      return { ok: true as const, loginId: found.loginId };
    }))
    .catch((e: unknown) => {
      // Either way the transaction rolled back, so a refused password leaves the link usable for a better one.
      if (e instanceof PasswordRefused) return { ok: false as const, problems: e.problems };
      if (e instanceof InvitationGone) return { ok: false as const, expired: true as const };
      throw e;
    });
}

class PasswordRefused extends Error {
  constructor(readonly problems: PasswordRejection[]) {
    super("password refused");
  }
}
class InvitationGone extends Error {}
