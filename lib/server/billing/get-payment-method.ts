import "server-only";
import { can } from "@/lib/permissions";
import { paymentMethodLabel } from "@/lib/policy/billing";
import { authorize } from "../authorize";
import { db } from "../db";
import { pendingRequestFor, targetHistory } from "../requests/pending-request";
/** The payment page: how the organization pays, the contract name a holder must match, the request waiting, history. */
export async function getPaymentMethod() {
  const actor = await authorize("billing", "view");
  const prisma = await db();
  const [org, pendingRequest, history] = await Promise.all([
    prisma.organization.findUniqueOrThrow({
      where: { id: actor.organizationId },
      select: { name: true, contractName: true, contractNameKana: true, contractNameLatin: true, paymentMethod: true },
    }),
    pendingRequestFor(prisma, actor, "payment_method", actor.organizationId),
    targetHistory(prisma, actor, "payment_method", actor.organizationId),
  ]);
  const m = org.paymentMethod;
  return {
    contract: { name: org.contractName ?? org.name, kana: org.contractNameKana, latin: org.contractNameLatin },
    method: m ? { ...m, label: paymentMethodLabel(m) } : null,
    pendingRequest,
    history,
    canRequest: can(actor.permissions, "billing", "request"),
  };
}
