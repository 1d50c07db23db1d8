import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import crypto from "node:crypto";
import { normalizeLoginId } from "@/lib/policy/login-id";
import type { requestPasswordResetSchema } from "@/lib/schemas/recovery";
import type { z } from "zod";
import { recordAudit } from "../audit";
import { db } from "../db";
import { deliver, publicUrl, queueMail } from "../mail/mailer";
import { hashToken } from "../sign-in/challenge";
import type { ClientInfo } from "../sign-in/finish-sign-in";
import { asSystem, withOrganization } from "../tenant-context";
import { organizationOf } from "../tenant-lookup";

export const RESET_LIFETIME_MS = 30 * 60_000;
const RESEND_COOLDOWN_MS = 60_000;

/**
 * Mails a single-use link to reset the password. The answer is the same whether or not the ID exists;
 * a newer link replaces older ones, and a second request within a minute sends nothing.
 */
export async function requestPasswordReset(input: z.infer<typeof requestPasswordResetSchema>, client: ClientInfo): Promise<void> {
  const loginId = normalizeLoginId(input.loginId);
  const organizationId = await organizationOf("loginId", loginId);
  // An unknown ID belongs to no organization: its attempt is written in the system scope.
  return organizationId ? withOrganization(organizationId, () => requestInOrganization(loginId, client)) : asSystem(() => requestInOrganization(loginId, client));
}

async function requestInOrganization(loginId: string, client: ClientInfo): Promise<void> {
  const prisma = await db();
  const now = new Date();
  const account = await prisma.account.findUnique({
    where: { loginId },
    select: { id: true, organizationId: true, loginId: true, email: true, displayName: true, status: true, accessEndsAt: true },
  });
  const base = { action: "auth.password_reset_requested", ip: client.ip, userAgent: client.userAgent, occurredAt: now, targetType: "account" };
  if (!account || account.status === "disabled" || account.status === "invited" || accessEnded(account.accessEndsAt, now)) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, { ...base, organizationId: account?.organizationId ?? null, actorLabel: loginId.slice(0, 254), targetId: account?.id ?? null, outcome: "failure", reason: !account ? "unknown_id" : accessEnded(account.accessEndsAt, now) ? "disabled" : account.status }),
    );
    return;
  }
  const latest = await prisma.passwordResetToken.findFirst({ where: { accountId: account.id }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  if (latest && now.getTime() - latest.createdAt.getTime() < RESEND_COOLDOWN_MS) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, { ...base, organizationId: account.organizationId, actorLabel: account.loginId, targetId: account.id, targetLabel: account.loginId, outcome: "failure", reason: "cooldown" }),
    );
    return;
  }
  const token = crypto.randomBytes(32).toString("base64url");
  const mailId = await prisma.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: { organizationId: account.organizationId, accountId: account.id, tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS) },
    });
    await recordAudit(tx, { ...base, organizationId: account.organizationId, actorLabel: account.loginId, targetId: account.id, targetLabel: account.loginId, outcome: "success" });
    return queueMail(tx, {
      organizationId: account.organizationId,
      to: account.email,
      subject: "【OCN ビジネスコンソール】パスワード再設定のご案内",
      body: [
        `${account.displayName} 様`,
        "",
        "OCN ビジネスコンソールのパスワード再設定が申請されました。",
        "次のリンクから 30 分以内に新しいパスワードを設定してください (1 回だけ使えます)。",
        "",
        publicUrl(`/sign-in/reset/${token}`),
        "",
        `OCN ID: ${account.loginId}`,
        "お心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。",
      ].join("\n"),
    });
  });
  await deliver([mailId]);
}
