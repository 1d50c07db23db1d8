import "server-only";
import { onAccount, type AccountActionInput } from "./on-account";

/** The member enrols a new authenticator app at the next sign-in; backup codes and open sessions end. */
export function resetSecondFactor(input: AccountActionInput) {
  return onAccount(input, "account.mfa_reset", async (tx, account) => {
    await tx.account.update({ where: { id: account.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } } });
    await tx.backupCode.deleteMany({ where: { accountId: account.id } });
    return {};
  });
}
