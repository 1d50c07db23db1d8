import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import { generateBackupCodes, otpauthUri, verifyTotp } from "@/lib/policy/totp";
import { recordAudit } from "../audit";
import { signInTransaction } from "../audit/sign-in-events";
import { db } from "../db";
import { qrSvg } from "../qr";
import { hashBackupCode, openSecret, sealSecret } from "../secret-box";
import { withOrganization } from "../tenant-context";
import { findChallenge } from "./challenge";
import { auditBase, finishSignIn, refuse, type ClientInfo, type SignInOutcome } from "./finish-sign-in";
import { isLocked, registerFailure } from "./lockout";
import { lockAndLoadAccount } from "./sign-in-account";

/** What the enrolment page shows: the QR code and the secret for typing in by hand. */
export async function getEnrolment(token: string | undefined) {
  const challenge = await findChallenge(token, "enroll");
  if (!challenge?.pendingSecret) return null;
  const prisma = await db();
  const account = await withOrganization(challenge.organizationId, () =>
    prisma.account.findUniqueOrThrow({ where: { id: challenge.accountId }, select: { loginId: true } }),
  );
  const secret = openSecret(challenge.pendingSecret, challenge.accountId);
  const uri = otpauthUri({ secret, accountName: account.loginId });
  return { loginId: account.loginId, secret, qrSvg: await qrSvg(uri) };
}

/**
 * First sign-in: the app proves it holds the new secret with one code; then the secret is sealed onto the
 * account and ten backup codes are made, shown once.
 */
export async function enrollSecondFactor(
  token: string | undefined,
  input: { code: string },
  client: ClientInfo,
): Promise<{ outcome: SignInOutcome; backupCodes?: string[] }> {
  const challenge = await findChallenge(token, "enroll");
  if (!challenge?.pendingSecret) return { outcome: { kind: "refused", reason: "challenge_expired" } };
  return withOrganization(challenge.organizationId, () => signInTransaction(
    async (tx) => {
      const now = new Date();
      const account = await lockAndLoadAccount(tx, challenge.accountId);
      if (isLocked(account, now)) return { outcome: await refuse(tx, account, "locked", client, now, "enroll") };
      if ((account.status !== "active" && account.status !== "locked") || accessEnded(account.accessEndsAt, now)) return { outcome: await refuse(tx, account, "disabled", client, now, "enroll") };
      const secret = openSecret(challenge.pendingSecret!, account.id);
      const verdict = verifyTotp(secret, input.code, now, null);
      if (!verdict.ok) {
        await registerFailure(tx, account, account.lockout, { now, ...client });
        return { outcome: await refuse(tx, account, "mfa_failed", client, now, "enroll") };
      }
      const backupCodes = generateBackupCodes(10);
      await tx.account.update({
        where: { id: account.id },
        data: { totpSecret: sealSecret(secret, account.id), totpEnabledAt: now, totpLastStep: verdict.step },
      });
      await tx.backupCode.deleteMany({ where: { accountId: account.id } });
      await tx.backupCode.createMany({ data: backupCodes.map((code) => ({ accountId: account.id, codeHash: hashBackupCode(code), createdAt: now })) });
      await tx.signInChallenge.update({ where: { id: challenge.id }, data: { consumedAt: now } });
      await recordAudit(tx, { ...auditBase(account, client, now), action: "account.mfa_enrolled", outcome: "success", details: { method: "totp", backupCodes: 10 } });
      return { outcome: await finishSignIn(tx, account, client, now, "totp_enrolment"), backupCodes };
    },
  ));
}
