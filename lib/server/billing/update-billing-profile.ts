import "server-only";
import { updateBillingProfileSchema, type UpdateBillingProfileInput } from "@/lib/schemas/billing";
import { authorize } from "../authorize";
import { changeDirectly } from "../requests/apply-change";
import { parseOrThrow } from "../requests/request-kind";
import { billingProfileKind } from "./billing-profile-kind";

/** billing:manage changes who receives the invoices, and where, at once; audited as billing.profile_changed. */
export async function updateBillingProfile(input: UpdateBillingProfileInput) {
  const actor = await authorize("billing", "manage");
  const { reason, ...profile } = parseOrThrow(updateBillingProfileSchema, input);
  return changeDirectly(actor, billingProfileKind, actor.organizationId, profile, reason ?? null);
}
