import "server-only";
import { requestPaymentMethodChangeSchema, type RequestPaymentMethodChangeInput } from "@/lib/schemas/billing";
import { authorize } from "../authorize";
import { fileChangeRequest } from "../requests/file-change-request";
import { parseOrThrow } from "../requests/request-kind";

/** billing:request files a new payment method for someone else with billing:manage to approve. */
export async function requestPaymentMethodChange(input: RequestPaymentMethodChangeInput) {
  const actor = await authorize("billing", "request");
  const { reason, ...method } = parseOrThrow(requestPaymentMethodChangeSchema, input);
  return fileChangeRequest({ kind: "payment_method", targetId: actor.organizationId, payload: method, reason });
}
