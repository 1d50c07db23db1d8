"use server";
// An admin's security actions on one account, from its detail page.
import { revalidatePath } from "next/cache";
import { accountActionSchema } from "@/lib/schemas/accounts";
import { action } from "@/lib/server/action";
import { disableAccount } from "@/lib/server/accounts/disable-account";
import { endSessions } from "@/lib/server/accounts/end-sessions";
import { requirePasswordChange } from "@/lib/server/accounts/require-password-change";
import { resetSecondFactor } from "@/lib/server/accounts/reset-second-factor";
import { unlockAccount } from "@/lib/server/accounts/unlock-account";
import { respondToIncident } from "@/lib/server/accounts/respond-to-incident";
import { respondToIncidentSchema } from "@/lib/schemas/incidents";
import { updateAccountSchema } from "@/lib/schemas/accounts";
import { grantRoleSchema, revokeGrantSchema } from "@/lib/schemas/access";
import { suspendAccount } from "@/lib/server/accounts/suspend-account";
import { reactivateAccount } from "@/lib/server/accounts/reactivate-account";
import { resendInvitation } from "@/lib/server/accounts/resend-invitation";
import { updateAccount } from "@/lib/server/accounts/update-account";
import { grantRole, previewRoleGrant } from "@/lib/server/access/grant-role";
import { revokeGrant } from "@/lib/server/access/revoke-grant";
import { fileChangeRequest } from "@/lib/server/requests/file-change-request";

const refreshed =
  <I extends { id: string }>(operation: (input: I) => Promise<unknown>) =>
  async (input: I) => {
    await operation(input);
    revalidatePath(`/accounts/${input.id}`);
  };

export const unlockAccountAction = action(accountActionSchema, refreshed(unlockAccount));
export const resetSecondFactorAction = action(accountActionSchema, refreshed(resetSecondFactor));
export const requirePasswordChangeAction = action(accountActionSchema, refreshed(requirePasswordChange));
export const endSessionsAction = action(accountActionSchema, refreshed(endSessions));
export const disableAccountAction = action(accountActionSchema, refreshed(disableAccount));
export const respondToIncidentAction = action(respondToIncidentSchema, async (input) => {
  const incident = await respondToIncident(input);
  revalidatePath(`/accounts/${input.id}`);
  return { slaMet: incident.slaMet, slaMinutes: incident.slaMinutes, notifiedCount: incident.notifiedCount };
});
export const suspendAccountAction = action(accountActionSchema, refreshed(suspendAccount));
export const reactivateAccountAction = action(accountActionSchema, refreshed(reactivateAccount));
export const resendInvitationAction = action(accountActionSchema, refreshed(resendInvitation));
export const updateAccountAction = action(updateAccountSchema, async (input) => {
  const { changed } = await updateAccount(input);
  revalidatePath(`/accounts/${input.id}`);
  return { id: input.id, changed };
});
export const grantRoleAction = action(grantRoleSchema, async (input) => {
  const result = await grantRole(input);
  revalidatePath(`/accounts/${input.accountId}`);
  return result;
});
export const previewRoleGrantAction = action(grantRoleSchema.pick({ accountId: true, roleId: true, endsAt: true }), previewRoleGrant);
export const revokeGrantAction = action(revokeGrantSchema.extend({ accountId: accountActionSchema.shape.id }), async (input) => {
  await revokeGrant(input);
  revalidatePath(`/accounts/${input.accountId}`);
});
// With accounts:request only, or for a role above the admin's own permissions: a four-eyes request instead of a grant.
export const requestRoleGrantAction = action(grantRoleSchema, async (input) => {
  const request = await fileChangeRequest({
    kind: "role_grant",
    targetId: input.accountId,
    payload: { roleId: input.roleId, endsAt: input.endsAt ?? null, justification: input.justification ?? null },
    reason: input.reason,
  });
  revalidatePath(`/accounts/${input.accountId}`);
  return { requestId: request.id };
});
