import "server-only";
import { AppError } from "../errors";
import { onAccount, type AccountActionInput } from "./on-account";

/** Ends a suspension. A disabled (offboarded) account is not reactivated: a returning person gets a new invitation. */
export function reactivateAccount(input: AccountActionInput) {
  return onAccount(input, "account.reactivated", async (tx, account) => {
    if (account.status !== "suspended") throw new AppError("conflict", "Only a suspended account can be reactivated.", undefined, "not_suspended");
    await tx.account.update({ where: { id: account.id }, data: { status: "active", suspendedAt: null } });
    return {};
  });
}
