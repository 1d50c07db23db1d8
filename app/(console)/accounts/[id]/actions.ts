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
