import { z } from "zod";
import { ACCOUNT_TYPES, ADDON_SIZES_GB, CARD_BRANDS, isKanaName, isLatinName, looksLikeCardNumber, MONTH_KEY } from "@/lib/policy/billing";
import { changeReason, optionalText, requestReason, requiredText, uuid, wholeNumber } from "./requests";

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

// ───────────────────────── payment method ─────────────────────────

export const PAYMENT_LIMITS = { holderName: 80, bankName: 40, branchName: 40 } as const;

/** Refuses text that could be a full card number, wherever it is typed (see looksLikeCardNumber). */
const noCardNumber = <T extends z.ZodType<string | null>>(s: T) =>
  s.refine((v) => v === null || !looksLikeCardNumber(v), "full_card_number");

const lastFour = z.preprocess(
  (v) => (typeof v === "string" ? v.normalize("NFKC").replace(/[\s•*●・]/g, "") : v),
  z.string({ error: "required" }).min(1, "required").refine((v) => !looksLikeCardNumber(v), "full_card_number").pipe(z.string().regex(/^\d{4}$/, "last_four")),
);

const digitsCode = (n: number) =>
  z.preprocess((v) => (typeof v === "string" ? v.normalize("NFKC").trim() : v), z.string({ error: "required" }).min(1, "required").regex(new RegExp(`^\\d{${n}}$`), `digits_${n}`));

const cardPayment = z.object({
  method: z.literal("card"),
  cardBrand: z.enum(CARD_BRANDS, { error: "invalid_choice" }),
  cardLast4: lastFour,
  cardExpMonth: wholeNumber(1, 12),
  cardExpYear: wholeNumber(2000, 2100),
  holderName: noCardNumber(requiredText(PAYMENT_LIMITS.holderName)).refine(isLatinName, "latin_name"),
});

const bankPayment = z.object({
  method: z.literal("bank_transfer"),
  bankName: noCardNumber(requiredText(PAYMENT_LIMITS.bankName)),
  bankCode: digitsCode(4),
  branchName: noCardNumber(requiredText(PAYMENT_LIMITS.branchName)),
  branchCode: digitsCode(3),
  accountType: z.enum(ACCOUNT_TYPES, { error: "invalid_choice" }),
  accountLast4: lastFour,
  holderName: noCardNumber(requiredText(PAYMENT_LIMITS.holderName)).refine(isKanaName, "kana_name"),
});

/** A payment method as the form sends it and a request stores it: a card or a bank account, never a full number. */
export const paymentMethodSchema = z.discriminatedUnion("method", [cardPayment, bankPayment], { error: "invalid_choice" });
export type PaymentMethodValues = z.output<typeof paymentMethodSchema>;

/** Filed by billing:request, approved by someone else with billing:manage; the reason must not hold a card number. */
export const requestPaymentMethodChangeSchema = z.intersection(paymentMethodSchema, z.object({ reason: noCardNumber(requestReason) }));
/** As a form sends it: strings keyed by field, whichever method is chosen; the operation parses it. */
export type RequestPaymentMethodChangeInput = Record<string, unknown>;

// ───────────────────────── statements and add-ons ─────────────────────────

export const monthParamSchema = z.object({ month: z.string().regex(MONTH_KEY, "not_a_month") });

export const STATEMENT_CSV_VIEWS = ["lines", "departments"] as const;
export const statementCsvSchema = monthParamSchema.extend({ view: z.enum(STATEMENT_CSV_VIEWS).default("lines") });

/** 容量追加 for a line this month: one of the offered sizes. */
export const dataAddonSchema = z.object({
  gb: wholeNumber(1, 100).refine((v) => (ADDON_SIZES_GB as readonly number[]).includes(v), "invalid_choice"),
});
export type DataAddonValues = z.output<typeof dataAddonSchema>;

export const addDataAddonSchema = dataAddonSchema.extend({ lineId: uuid, reason: changeReason });
export type AddDataAddonInput = z.input<typeof addDataAddonSchema>;
export const requestDataAddonSchema = dataAddonSchema.extend({ lineId: uuid, reason: requestReason });
export type RequestDataAddonInput = z.input<typeof requestDataAddonSchema>;
