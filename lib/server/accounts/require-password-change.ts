import "server-only";
import { onAccount, type AccountActionInput } from "./on-account";

/** The member must set a new password at the next sign-in. */
export function requirePasswordChange(input: AccountActionInput) {
  return onAccount(input, "account.password_change_required", async (tx, account) => {
    await tx.account.update({ where: { id: account.id }, data: { mustChangePassword: true } });
    return {};
  });
}
