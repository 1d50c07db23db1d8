import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import { z } from "zod";
import { recordAudit } from "../audit";
import { signInTransaction } from "../audit/sign-in-events";
import { withOrganization } from "../tenant-context";
import { findChallenge } from "./challenge";
import { auditBase, finishSignIn, refuse, type ClientInfo, type SignInOutcome } from "./finish-sign-in";
import { lockAndLoadAccount } from "./sign-in-account";
import { setPassword, type PasswordRejection } from "./set-password";

export const newPasswordSchema = z
  .object({ password: z.string().min(1, "required").max(1024, "too_long"), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "mismatch", path: ["confirm"] });

/** Last step when the password has expired or an admin asked for a new one: set it, then the session starts. */
export async function changeExpiredPassword(
  token: string | undefined,
  input: z.infer<typeof newPasswordSchema>,
  client: ClientInfo,
): Promise<{ outcome: SignInOutcome } | { problems: PasswordRejection[] }> {
  const challenge = await findChallenge(token, "change_password");
  if (!challenge) return { outcome: { kind: "refused", reason: "challenge_expired" } };
  return withOrganization(challenge.organizationId, () => signInTransaction(
    async (tx) => {
      const now = new Date();
      // An offboarding's effective time may have come while the form was open: no new password, no session.
      const current = await lockAndLoadAccount(tx, challenge.accountId);
      if (accessEnded(current.accessEndsAt, now) || current.status === "disabled" || current.status === "suspended") {
        return { outcome: await refuse(tx, current, "disabled", client, now, "change_password") };
      }
      const result = await setPassword(tx, challenge.accountId, input.password, now);
      if (!result.ok) return { problems: result.problems };
      const account = await lockAndLoadAccount(tx, challenge.accountId);
      await tx.signInChallenge.update({ where: { id: challenge.id }, data: { consumedAt: now } });
      await recordAudit(tx, { ...auditBase(account, client, now), action: "account.password_changed", outcome: "success", details: { via: "sign_in" } });
      return { outcome: await finishSignIn(tx, account, client, now, "password_change") };
    },
  ));
}
