import "server-only";
import { AppError } from "../errors";
import { issueInvitation } from "./issue-invitation";
import { onAccount, type AccountActionInput } from "./on-account";

/** Sends a fresh invitation link; the earlier one stops working. */
export function resendInvitation(input: AccountActionInput) {
  return onAccount(input, "account.invitation_sent", async (tx, account, actor, now) => {
    if (account.status !== "invited") throw new AppError("conflict", "This person has already accepted the invitation.", undefined, "already_accepted");
    const { mailId } = await issueInvitation(tx, { ...account, organizationId: actor.organizationId }, { invitedById: actor.accountId, organizationName: actor.organizationName, now });
    return { mailIds: [mailId] };
  });
}
