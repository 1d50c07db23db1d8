"use server";
// The billing page's invoice recipient form: billing:manage changes it at once, billing:request files a change request.
import { revalidatePath } from "next/cache";
import { requestBillingProfileChangeSchema, updateBillingProfileSchema } from "@/lib/schemas/billing";
import { action } from "@/lib/server/action";
import { requestBillingProfileChange } from "@/lib/server/billing/request-billing-profile-change";
import { updateBillingProfile } from "@/lib/server/billing/update-billing-profile";

export const updateBillingProfileAction = action(updateBillingProfileSchema, async (input) => {
  const { changed } = await updateBillingProfile(input);
  revalidatePath("/billing");
  return { changed };
});

export const requestBillingProfileChangeAction = action(requestBillingProfileChangeSchema, async (input) => {
  const { id } = await requestBillingProfileChange(input);
  revalidatePath("/billing");
  return { id };
});
