import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import { z } from "zod";
import { normalizeBackupCode, verifyTotp } from "@/lib/policy/totp";
import { signInTransaction } from "../audit/sign-in-events";
import { checkAddress } from "../network/check-address";
import { hashBackupCode, openSecret } from "../secret-box";
import { withOrganization } from "../tenant-context";
import { findChallenge } from "./challenge";
import { finishSignIn, refuse, type ClientInfo, type SignInOutcome } from "./finish-sign-in";
import { isLocked, registerFailure } from "./lockout";
import { lockAndLoadAccount } from "./sign-in-account";

export const secondFactorSchema = z.object({
  code: z.string().trim().min(1, "required").max(64, "too_long"),
  method: z.enum(["totp", "backup"]).default("totp"),
});

/** Second step: a one-time code from the authenticator app, or one of the backup codes. A wrong code counts toward lockout. */
export async function verifySecondFactor(token: string | undefined, input: z.infer<typeof secondFactorSchema>, client: ClientInfo): Promise<SignInOutcome> {
  const challenge = await findChallenge(token, "mfa");
  if (!challenge) return { kind: "refused", reason: "challenge_expired" };
  return withOrganization(challenge.organizationId, () => signInTransaction(
    async (tx) => {
      const now = new Date();
      const account = await lockAndLoadAccount(tx, challenge.accountId);
      if (isLocked(account, now)) return refuse(tx, account, "locked", client, now, "mfa");
      if ((account.status !== "active" && account.status !== "locked") || accessEnded(account.accessEndsAt, now)) return refuse(tx, account, "disabled", client, now, "mfa");
      const address = await checkAddress(tx, { organizationId: account.organizationId, ip: client.ip, isAdmin: account.isAdmin, now });
      if (!address.allowed) return refuse(tx, account, "ip_not_allowed", client, now, "mfa");

      let ok = false;
      if (input.method === "backup") {
        const code = await tx.backupCode.findFirst({
          where: { accountId: account.id, usedAt: null, codeHash: hashBackupCode(normalizeBackupCode(input.code)) },
          select: { id: true },
        });
        if (code) {
          await tx.backupCode.update({ where: { id: code.id }, data: { usedAt: now } });
          ok = true;
        }
      } else {
        const secretRow = await tx.account.findUniqueOrThrow({ where: { id: account.id }, select: { totpSecret: true } });
        const verdict = secretRow.totpSecret ? verifyTotp(openSecret(secretRow.totpSecret, account.id), input.code, now, account.totpLastStep) : { ok: false as const };
        if (verdict.ok) {
          await tx.account.update({ where: { id: account.id }, data: { totpLastStep: verdict.step } });
          ok = true;
        }
      }
      if (!ok) {
        const { locked } = await registerFailure(tx, account, account.lockout, { now, ...client });
        if (locked) await tx.signInChallenge.update({ where: { id: challenge.id }, data: { consumedAt: now } });
        return refuse(tx, account, "mfa_failed", client, now, input.method);
      }
      await tx.signInChallenge.update({ where: { id: challenge.id }, data: { consumedAt: now } });
      return finishSignIn(tx, account, client, now, input.method);
    },
  ));
}
