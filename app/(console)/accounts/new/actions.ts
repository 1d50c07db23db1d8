"use server";
// Invite a person: creates the invited account and mails the one-time link.
import { revalidatePath } from "next/cache";
import { inviteAccountSchema } from "@/lib/schemas/accounts";
import { action } from "@/lib/server/action";
import { inviteAccount } from "@/lib/server/accounts/invite-account";

export const inviteAccountAction = action(inviteAccountSchema, async (input) => {
  const result = await inviteAccount(input);
  revalidatePath("/accounts");
  return { id: result.id, loginId: result.loginId };
});
