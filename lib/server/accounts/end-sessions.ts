import "server-only";
import { onAccount, type AccountActionInput } from "./on-account";

/** Ends every open session of the account at its next request. */
export function endSessions(input: AccountActionInput) {
  return onAccount(input, "account.sessions_ended", async (tx, account, _actor, now) => {
    await tx.account.update({ where: { id: account.id }, data: { sessionVersion: { increment: 1 } } });
    await tx.session.updateMany({ where: { accountId: account.id, revokedAt: null }, data: { revokedAt: now } });
    return {};
  });
}
