import "server-only";
// The organization's payment method as a kind of change request: billing:request files it and someone else with
// billing:manage approves it (there is no direct path: a payment method always takes four eyes). The holder name must
// match the contract name, and a card must not have expired, both when it is filed and when it is approved.
import { cardExpired, holderMatchesContract, paymentMethodLabel } from "@/lib/policy/billing";
import { paymentMethodSchema, type PaymentMethodValues } from "@/lib/schemas/billing";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { defineKind, type Values } from "../requests/request-kind";

/** Every stored field, in the order the diff shows them. */
export const PAYMENT_FIELDS = [
  "method",
  "holderName",
  "cardBrand",
  "cardLast4",
  "cardExpMonth",
  "cardExpYear",
  "bankName",
  "bankCode",
  "branchName",
  "branchCode",
  "accountType",
  "accountLast4",
] as const;
type PaymentField = (typeof PAYMENT_FIELDS)[number];

/** A payment method as stored values: the fields the other method has are null. */
export function paymentValues(p: PaymentMethodValues): Record<PaymentField, string | number | null> {
  const none = Object.fromEntries(PAYMENT_FIELDS.map((f) => [f, null])) as Record<PaymentField, string | number | null>;
  return { ...none, ...p };
}

export async function contractNames(tx: Tx, organizationId: string) {
  return tx.organization.findUnique({
    where: { id: organizationId },
    select: { name: true, contractName: true, contractNameKana: true, contractNameLatin: true },
  });
}

export const paymentMethodKind = defineKind<PaymentMethodValues>({
  kind: "payment_method",
  domain: "billing",
  targetType: "payment_method",
  noun: "payment method",
  changedAction: "billing.payment_method_changed",
  schema: paymentMethodSchema,
  async loadCurrent(tx, organizationId, targetId) {
    if (targetId !== organizationId) return null;
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { name: true, paymentMethod: true } });
    if (!org) return null;
    const m = org.paymentMethod;
    const values = Object.fromEntries(PAYMENT_FIELDS.map((f) => [f, m ? (m[f] ?? null) : null])) as Values;
    return { label: m ? `${org.name}: ${paymentMethodLabel(m)}` : org.name, values };
  },
  async validate(tx, { organizationId, payload, now }) {
    const org = await contractNames(tx, organizationId);
    const contract = { kana: org?.contractNameKana ?? null, latin: org?.contractNameLatin ?? null };
    const expected = payload.method === "card" ? contract.latin : contract.kana;
    if (!expected) {
      throw new AppError(
        "invalid",
        `The contract name ${payload.method === "card" ? "in Latin letters" : "in カナ"} is not on record for this organization, so no holder name can be checked. Ask OCN to record it on the contract first.`,
        "holderName",
        "contract_name_missing",
      );
    }
    if (!holderMatchesContract(payload.method, payload.holderName, contract)) {
      throw new AppError(
        "invalid",
        `The holder name "${payload.holderName}" does not match the contract name "${expected}". ` +
          (payload.method === "card" ? "Enter the name exactly as on the card, which must be the contract holder's." : "Enter the account holder name in カナ as the bank has it; 株式会社 may be written カ)."),
        "holderName",
        "holder_mismatch",
      );
    }
    if (payload.method === "card" && cardExpired(payload.cardExpMonth, payload.cardExpYear, now)) {
      throw new AppError("invalid", `The card expired at the end of ${payload.cardExpYear}/${String(payload.cardExpMonth).padStart(2, "0")}. Use a card that is still valid.`, "cardExpYear", "card_expired");
    }
    return payload;
  },
  proposed: (payload) => paymentValues(payload),
  async apply(tx, { organizationId, payload }) {
    const data = paymentValues(payload) as Record<PaymentField, never>;
    await tx.paymentMethod.upsert({ where: { organizationId }, create: { organizationId, ...data }, update: data });
  },
  href: () => "/billing/payment",
});
