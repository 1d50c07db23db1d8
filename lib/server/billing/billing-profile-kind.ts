import "server-only";
// The organization's billing profile (who receives the invoices, and at which address) as a kind of change request.
// Its target is the organization itself: there is one profile per organization, perhaps not set up yet.
import { billingProfileSchema, type BillingProfileValues } from "@/lib/schemas/billing";
import { AppError } from "../errors";
import { defineKind, type Change } from "../requests/request-kind";

const FIELDS = ["recipientName", "recipientDepartment", "invoiceEmail"] as const;

const valuesOf = (changes: Change[], side: "before" | "after") =>
  Object.fromEntries(changes.filter((c) => (FIELDS as readonly string[]).includes(c.field)).map((c) => [c.field, c[side]])) as Partial<BillingProfileValues>;

export const billingProfileKind = defineKind<BillingProfileValues>({
  kind: "billing_profile",
  domain: "billing",
  targetType: "billing_profile",
  noun: "billing profile",
  changedAction: "billing.profile_changed",
  schema: billingProfileSchema,
  async loadCurrent(tx, organizationId, targetId) {
    if (targetId !== organizationId) return null;
    const org = await tx.organization.findUnique({
      where: { id: organizationId },
      select: { name: true, billingProfile: { select: { recipientName: true, recipientDepartment: true, invoiceEmail: true } } },
    });
    if (!org) return null;
    const p = org.billingProfile;
    return {
      label: org.name,
      values: { recipientName: p?.recipientName ?? null, recipientDepartment: p?.recipientDepartment ?? null, invoiceEmail: p?.invoiceEmail ?? null },
    };
  },
  async apply(tx, { organizationId, payload, changes }) {
    const exists = await tx.billingProfile.findUnique({ where: { organizationId }, select: { organizationId: true } });
    if (!exists) {
      // The first profile: every field comes from the change (the schema requires name and address).
      await tx.billingProfile.create({ data: { organizationId, ...payload } });
      return;
    }
    const before = valuesOf(changes, "before");
    const { count } = await tx.billingProfile.updateMany({
      where: { organizationId, ...(before as Record<string, string | null>) },
      data: valuesOf(changes, "after"),
    });
    if (count !== 1) throw new AppError("conflict", "The billing profile was changed by someone else meanwhile. Reload it and try again.");
  },
  href: () => "/billing/payment",
});
