import "server-only";
import { AppError } from "../errors";
import { onAccount, type AccountActionInput } from "./on-account";

/** Suspends an account (leave, investigation): it cannot sign in and its open sessions end; reactivation restores it. */
export function suspendAccount(input: AccountActionInput) {
  return onAccount(input, "account.suspended", async (tx, account, actor, now) => {
    if (account.id === actor.accountId) throw new AppError("conflict", "You cannot suspend your own account.", undefined, "self_suspend");
    if (account.status !== "active" && account.status !== "locked") throw new AppError("conflict", `An account that is ${account.status} cannot be suspended.`, undefined, "not_suspendable");
    await tx.account.update({ where: { id: account.id }, data: { status: "suspended", suspendedAt: now, sessionVersion: { increment: 1 } } });
    await tx.session.updateMany({ where: { accountId: account.id, revokedAt: null }, data: { revokedAt: now } });
    return {};
  });
}
