import { describe, expect, it } from "vitest";
import {
  addMonths,
  apportionTax,
  cardExpired,
  dueDateOf,
  holderMatchesContract,
  isKanaName,
  isLatinName,
  looksLikeCardNumber,
  monthKeyOf,
  monthRange,
  normalizeKanaName,
  paymentMethodLabel,
  planFeeYen,
} from "@/lib/policy/billing";
import { paymentMethodSchema, requestPaymentMethodChangeSchema } from "@/lib/schemas/billing";

describe("billing months", () => {
  it("follow the Tokyo calendar", () => {
    expect(monthKeyOf(new Date("2026-10-31T15:00:00Z"))).toBe("2026-11"); // 00:00 on 1 Nov in Tokyo
    expect(monthKeyOf(new Date("2026-10-31T14:59:59Z"))).toBe("2026-10");
    expect(monthRange("2026-11")).toEqual({ start: new Date("2026-10-31T15:00:00Z"), end: new Date("2026-11-30T15:00:00Z") });
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(dueDateOf("2026-10").toISOString().slice(0, 10)).toBe("2026-11-30");
    expect(dueDateOf("2026-12").toISOString().slice(0, 10)).toBe("2027-01-31");
  });
});

describe("fees and tax", () => {
  it("price a plan by its allowance, rounding up to the next plan", () => {
    expect(planFeeYen(10)).toBe(1_800);
    expect(planFeeYen(12)).toBe(planFeeYen(20));
    expect(planFeeYen(500)).toBe(planFeeYen(50));
  });

  it("round tax once per invoice and apportion every yen", () => {
    expect(apportionTax([1800, 1800, 900])).toEqual({ taxYen: 450, shares: [180, 180, 90] });
    const { taxYen, shares } = apportionTax([333, 333, 334]);
    expect(taxYen).toBe(100);
    expect(shares.reduce((a, b) => a + b)).toBe(100);
    expect(apportionTax([])).toEqual({ taxYen: 0, shares: [] });
  });
});

describe("holder names", () => {
  it("match a bank holder's カナ however 株式会社, small kana and width are written", () => {
    const contract = { kana: "カブシキガイシャミナトショウジ", latin: "MINATO SHOJI CO., LTD." };
    for (const written of ["カ)ミナトシヨウジ", "ｶ)ﾐﾅﾄｼｮｳｼﾞ", "かぶしきがいしゃ みなとしょうじ", "カブシキガイシャ　ミナトショウジ"]) {
      expect(holderMatchesContract("bank_transfer", written, contract), written).toBe(true);
    }
    expect(holderMatchesContract("bank_transfer", "ミナトシヨウジ(カ", contract)).toBe(false); // 株式会社 after the name is another company
    expect(holderMatchesContract("bank_transfer", "ユ)ミナトシヨウジ", contract)).toBe(false);
    expect(normalizeKanaName("ミナトショウジ(カブシキガイシャ")).toBe(normalizeKanaName("ミナトシヨウジカブシキガイシャ"));
  });

  it("match a card holder in Latin letters without minding case, spaces or punctuation", () => {
    const contract = { kana: null, latin: "MINATO SHOJI CO., LTD." };
    expect(holderMatchesContract("card", "minato shoji co ltd", contract)).toBe(true);
    expect(holderMatchesContract("card", "MINATO SHOJI", contract)).toBe(false);
    expect(holderMatchesContract("card", "MINATO SHOJI CO LTD", { kana: null, latin: null })).toBe(false);
  });

  it("tell カナ from Latin letters", () => {
    expect(isKanaName("カ)ミナトシヨウジ")).toBe(true);
    expect(isKanaName("株式会社みなと商事")).toBe(false);
    expect(isLatinName("TARO YAMADA")).toBe(true);
    expect(isLatinName("山田太郎")).toBe(false);
  });
});

describe("card details", () => {
  it("spot anything that could be a full card number", () => {
    for (const t of ["4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "４１１１１１１１１１１１１１１１", "no. 378282246310005 here"]) {
      expect(looksLikeCardNumber(t), t).toBe(true);
    }
    for (const t of ["4242", "0120-123-456", "2026年11月", "TEST SHOJI"]) expect(looksLikeCardNumber(t), t).toBe(false);
  });

  it("expire at the end of the month printed on the card", () => {
    const now = new Date("2026-11-27T03:00:00Z");
    expect(cardExpired(11, 2026, now)).toBe(false);
    expect(cardExpired(10, 2026, now)).toBe(true);
    expect(cardExpired(1, 2027, now)).toBe(false);
  });

  it("are parsed into a card or a bank account, never with a full number, and parse again unchanged", () => {
    const card = { method: "card", cardBrand: "jcb", cardLast4: "１２３４", cardExpMonth: "3", cardExpYear: "2030", holderName: "MINATO SHOJI" };
    const parsed = paymentMethodSchema.parse(card);
    expect(parsed).toEqual({ method: "card", cardBrand: "jcb", cardLast4: "1234", cardExpMonth: 3, cardExpYear: 2030, holderName: "MINATO SHOJI" });
    expect(paymentMethodSchema.parse(parsed)).toEqual(parsed);
    expect(paymentMethodSchema.safeParse({ ...card, cardLast4: "4111111111111111" }).error?.issues[0]).toMatchObject({ path: ["cardLast4"], message: "full_card_number" });
    expect(paymentMethodSchema.safeParse({ ...card, cardLast4: "123" }).error?.issues[0]).toMatchObject({ path: ["cardLast4"], message: "last_four" });
    expect(paymentMethodSchema.safeParse({ ...card, method: "cash" }).success).toBe(false);
    expect(requestPaymentMethodChangeSchema.safeParse({ ...card, reason: "番号 4111111111111111" }).error?.issues[0]).toMatchObject({ path: ["reason"], message: "full_card_number" });
    expect(paymentMethodLabel({ method: "card", cardBrand: "jcb", cardLast4: "1234", bankName: null, branchName: null, accountType: null, accountLast4: null })).toBe("JCB ••••1234");
  });
});
