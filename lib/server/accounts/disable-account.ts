import "server-only";
import { AppError } from "../errors";
import { onAccount, type AccountActionInput } from "./on-account";

/** Disables the account at once: it can no longer sign in and every open session ends at its next request. */
export function disableAccount(input: AccountActionInput) {
  return onAccount(input, "account.disabled", async (tx, account, actor, now) => {
    if (account.id === actor.accountId) throw new AppError("conflict", "You cannot disable your own account.");
    if (account.status === "disabled") throw new AppError("conflict", "This account is already disabled.");
    await tx.account.update({ where: { id: account.id }, data: { status: "disabled", disabledAt: now, sessionVersion: { increment: 1 } } });
    await tx.session.updateMany({ where: { accountId: account.id, revokedAt: null }, data: { revokedAt: now } });
    return {};
  });
}
