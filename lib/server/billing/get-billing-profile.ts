import "server-only";
import { can } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";
import { pendingRequestFor, targetHistory } from "../requests/pending-request";

/** Where the organization's invoices go (null until set up), the request waiting on it, its history and what the caller may do. */
export async function getBillingProfile() {
  const actor = await authorize("billing", "view");
  const prisma = await db();
  const [profile, pendingRequest, history] = await Promise.all([
    prisma.billingProfile.findUnique({
      where: { organizationId: actor.organizationId },
      select: { recipientName: true, recipientDepartment: true, invoiceEmail: true, updatedAt: true },
    }),
    pendingRequestFor(prisma, actor, "billing_profile", actor.organizationId),
    targetHistory(prisma, actor, "billing_profile", actor.organizationId),
  ]);
  return {
    organizationName: actor.organizationName,
    profile,
    pendingRequest,
    history,
    canManage: can(actor.permissions, "billing", "manage"),
    canRequest: can(actor.permissions, "billing", "request"),
  };
}
