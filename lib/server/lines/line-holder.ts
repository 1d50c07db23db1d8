import "server-only";
// Who may hold a line: an active account of the line's own organization. Shared by assignment, import and applyLineChange.
import type { Tx } from "../db";
import { AppError } from "../errors";

export interface Holder {
  id: string;
  loginId: string;
  displayName: string;
}

const STATUS_WORDS: Record<string, string> = { invited: "invited", locked: "locked", suspended: "suspended", disabled: "disabled" };

/**
 * The account named by id or OCN ID, when it is active and in this organization; otherwise an AppError on `field`
 * that says why (an account of another organization is "not found", never confirmed to exist).
 */
export async function activeHolderOrThrow(tx: Tx, organizationId: string, by: { id: string } | { loginId: string }, field: string): Promise<Holder> {
  const account = await tx.account.findFirst({
    where: { organizationId, ...("id" in by ? { id: by.id } : { loginId: by.loginId }) },
    select: { id: true, loginId: true, displayName: true, status: true, accessEndsAt: true },
  });
  const named = "id" in by ? by.id : by.loginId;
  if (!account) throw new AppError("invalid", `There is no account ${named} in this organization to hold the line.`, field, "holder_not_found");
  const ended = account.accessEndsAt !== null && account.accessEndsAt.getTime() <= Date.now();
  if (account.status !== "active" || ended) {
    const word = ended ? "offboarded" : (STATUS_WORDS[account.status] ?? account.status);
    throw new AppError("invalid", `The account ${account.loginId} is ${word}; only an active account can hold a line.`, field, "holder_inactive");
  }
  return { id: account.id, loginId: account.loginId, displayName: account.displayName };
}
