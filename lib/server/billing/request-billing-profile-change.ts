import "server-only";
import { requestBillingProfileChangeSchema, type RequestBillingProfileChangeInput } from "@/lib/schemas/billing";
import { authorize } from "../authorize";
import { fileChangeRequest } from "../requests/file-change-request";
import { parseOrThrow } from "../requests/request-kind";

/** billing:request files the billing profile form as a change request for someone with billing:manage to approve. */
export async function requestBillingProfileChange(input: RequestBillingProfileChangeInput) {
  const actor = await authorize("billing", "request");
  const { reason, ...profile } = parseOrThrow(requestBillingProfileChangeSchema, input);
  return fileChangeRequest({ kind: "billing_profile", targetId: actor.organizationId, payload: profile, reason });
}
