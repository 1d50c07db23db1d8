import "server-only";
import { EMAIL_CHANGE_TOKEN } from "@/lib/schemas/me";
import { authorize, type Actor } from "../authorize";
import { db, type Db, type Tx } from "../db";
import { hashToken } from "../sign-in/challenge";

export type EmailChangeLink =
  | { state: "ready"; id: string; newEmail: string; currentEmail: string; expiresAt: Date }
  /** No such link in this organization, or not a link at all. */
  | { state: "invalid" }
  /** The link belongs to another OCN ID: nothing about it is shown. */
  | { state: "wrong_account" }
  | { state: "used" }
  /** Past its 24 hours, replaced by a newer request, or cancelled. */
  | { state: "expired" };

/** What a change-of-address link is to the signed-in member. */
export async function findEmailChangeLink(prisma: Db | Tx, actor: Actor, token: string, now: Date): Promise<EmailChangeLink> {
  if (!EMAIL_CHANGE_TOKEN.test(token)) return { state: "invalid" };
  const row = await prisma.emailChangeToken.findFirst({
    where: { tokenHash: hashToken(token), organizationId: actor.organizationId },
    select: { id: true, accountId: true, newEmail: true, expiresAt: true, usedAt: true, account: { select: { email: true } } },
  });
  if (!row) return { state: "invalid" };
  if (row.accountId !== actor.accountId) return { state: "wrong_account" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt <= now) return { state: "expired" };
  return { state: "ready", id: row.id, newEmail: row.newEmail, currentEmail: row.account.email, expiresAt: row.expiresAt };
}

/** The confirmation page: shows what the link would change, and changes nothing (a mail scanner's GET must not confirm). */
export async function getEmailChangeConfirmation({ token }: { token: string }) {
  const actor = await authorize();
  const link = await findEmailChangeLink(await db(), actor, token.trim(), new Date());
  if (link.state !== "ready") return { state: link.state, loginId: actor.loginId };
  return { state: link.state, newEmail: link.newEmail, currentEmail: link.currentEmail, expiresAt: link.expiresAt, loginId: actor.loginId };
}
