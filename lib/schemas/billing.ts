import { z } from "zod";
import { changeReason, optionalText, requestReason, requiredText } from "./requests";

// Billing (/billing): where and to whom the organization's invoices go, changed directly or through a request.

export const BILLING_LIMITS = { recipientName: 100, recipientDepartment: 100, invoiceEmail: 254 } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The billing profile as the form sends it and a request stores it. */
export const billingProfileSchema = z.object({
  recipientName: requiredText(BILLING_LIMITS.recipientName),
  recipientDepartment: optionalText(BILLING_LIMITS.recipientDepartment),
  invoiceEmail: requiredText(BILLING_LIMITS.invoiceEmail).pipe(z.string().regex(EMAIL, "invalid_email")),
});
export type BillingProfileValues = z.output<typeof billingProfileSchema>;

/** billing:manage changes the profile at once; the reason is optional and goes to the audit log. */
export const updateBillingProfileSchema = billingProfileSchema.extend({ reason: changeReason });
export type UpdateBillingProfileInput = z.input<typeof updateBillingProfileSchema>;

/** billing:request files the same change for someone with billing:manage to approve; the reason is required. */
export const requestBillingProfileChangeSchema = billingProfileSchema.extend({ reason: requestReason });
export type RequestBillingProfileChangeInput = z.input<typeof requestBillingProfileChangeSchema>;
