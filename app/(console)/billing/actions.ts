"use server";
// Billing's forms: the invoice recipient (billing:manage at once, billing:request as a change request), the payment
// method (always a change request), and 容量追加 for a line (lines:manage at once; its user or lines:request ask).
import { revalidatePath } from "next/cache";
import {
  addDataAddonSchema,
  requestBillingProfileChangeSchema,
  requestDataAddonSchema,
  requestPaymentMethodChangeSchema,
  updateBillingProfileSchema,
} from "@/lib/schemas/billing";
import { action } from "@/lib/server/action";
import { addDataAddon, requestDataAddon } from "@/lib/server/billing/data-addons";
import { requestPaymentMethodChange } from "@/lib/server/billing/request-payment-method-change";
import { requestBillingProfileChange } from "@/lib/server/billing/request-billing-profile-change";
import { updateBillingProfile } from "@/lib/server/billing/update-billing-profile";

export const updateBillingProfileAction = action(updateBillingProfileSchema, async (input) => {
  const { changed } = await updateBillingProfile(input);
  revalidatePath("/billing");
  revalidatePath("/billing/payment");
  return { changed };
});

export const requestBillingProfileChangeAction = action(requestBillingProfileChangeSchema, async (input) => {
  const { id } = await requestBillingProfileChange(input);
  revalidatePath("/billing");
  revalidatePath("/billing/payment");
  return { id };
});

export const requestPaymentMethodChangeAction = action(requestPaymentMethodChangeSchema, async (input) => {
  const { id } = await requestPaymentMethodChange(input);
  revalidatePath("/billing");
  revalidatePath("/billing/payment");
  return { id };
});

export const addDataAddonAction = action(addDataAddonSchema, async (input) => {
  const { changed } = await addDataAddon(input);
  revalidatePath(`/lines/${input.lineId}`);
  revalidatePath("/me");
  return { changed };
});

export const requestDataAddonAction = action(requestDataAddonSchema, async (input) => {
  const { id } = await requestDataAddon(input);
  revalidatePath(`/lines/${input.lineId}`);
  revalidatePath("/me");
  return { id };
});
