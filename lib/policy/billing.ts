// Billing rules: months (Asia/Tokyo), fees, consumption tax on an invoice, the shapes of card and bank details, and
// whether a holder name matches the contract name. Pure: the operations load the data and call these.
import { tokyoParts } from "./business-calendar";

// ───────────────────────── months ─────────────────────────

/** A billing month as "YYYY-MM". */
export type MonthKey = string;

export const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The Asia/Tokyo month `date` falls in. */
export function monthKeyOf(date: Date): MonthKey {
  const p = tokyoParts(date);
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}

/** The month's key as a DATE column holds it (its first day, midnight UTC). */
export function monthDate(key: MonthKey): Date {
  const m = MONTH_KEY.exec(key);
  if (!m) throw new Error(`Not a month: ${key}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

/** A DATE column's month back to its key. */
export function monthKeyOfDate(date: Date): MonthKey {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function addMonths(key: MonthKey, n: number): MonthKey {
  const d = monthDate(key);
  return monthKeyOfDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

/** The instants a month covers in Asia/Tokyo: [start, end). */
export function monthRange(key: MonthKey): { start: Date; end: Date } {
  const d = monthDate(key);
  const JST = 9 * 3600_000;
  return {
    start: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - JST),
    end: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - JST),
  };
}

/** A statement is paid by the end of the month after the one it bills (翌月末). */
export function dueDateOf(key: MonthKey): Date {
  const d = monthDate(key);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 0));
}

// ───────────────────────── fees ─────────────────────────

export const TAX_RATE_PERCENT = 10;

/** Monthly plan fees before tax, by the plan's data allowance (GB). */
const PLAN_FEES: Record<number, number> = { 1: 700, 3: 900, 6: 1_300, 10: 1_800, 20: 2_700, 30: 3_500, 50: 4_800 };

/** A plan's monthly fee before tax: the price list, or for an allowance it lacks, the next larger allowance's fee. */
export function planFeeYen(dataAllowanceGb: number): number {
  const known = Object.keys(PLAN_FEES).map(Number).sort((a, b) => a - b);
  const at = known.find((gb) => gb >= dataAllowanceGb) ?? known.at(-1)!;
  return PLAN_FEES[at]!;
}

/** 容量追加: the sizes offered and their price before tax. */
export const ADDON_SIZES_GB = [1, 3, 5] as const;
export const ADDON_PRICE_PER_GB_YEN = 500;
/** The most extra data one line may add in a month (what a request or a direct add-on may not exceed). */
export const ADDON_MONTHLY_LIMIT_GB = 20;

export const addonPriceYen = (gb: number) => gb * ADDON_PRICE_PER_GB_YEN;

/**
 * The invoice's tax and each line's share of it. Under the qualified invoice system (インボイス制度) tax is rounded once
 * per invoice and rate: floor(subtotal × rate). The lines' shares are apportioned by their subtotals with the largest
 * remainders taking the leftover yen, so the shares add up to the invoice's tax exactly (and so do the departments').
 */
export function apportionTax(subtotals: number[], ratePercent = TAX_RATE_PERCENT): { taxYen: number; shares: number[] } {
  const total = subtotals.reduce((s, v) => s + v, 0);
  const taxYen = Math.floor((total * ratePercent) / 100);
  if (total === 0) return { taxYen, shares: subtotals.map(() => 0) };
  const exact = subtotals.map((v) => (v * taxYen) / total);
  const shares = exact.map(Math.floor);
  let left = taxYen - shares.reduce((s, v) => s + v, 0);
  const order = exact.map((v, i) => ({ i, rem: v - Math.floor(v) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return { taxYen, shares };
}

// ───────────────────────── card and bank details ─────────────────────────

export const CARD_BRANDS = ["visa", "mastercard", "jcb", "amex", "diners"] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];
export const CARD_BRAND_LABELS: Record<CardBrand, string> = { visa: "VISA", mastercard: "Mastercard", jcb: "JCB", amex: "American Express", diners: "Diners Club" };

export const ACCOUNT_TYPES = ["ordinary", "checking"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const ACCOUNT_TYPE_LABELS: Record<AccountType, string> = { ordinary: "普通", checking: "当座" };

/**
 * Whether text holds what could be a full card number: 12 or more digits in a row, spaces and hyphens between them
 * allowed (card numbers run 14–19 digits; 12 leaves no room for a cut one). Such text is refused wherever it is typed,
 * so a number pasted into the wrong field is never stored, not even in a request's reason or the audit log.
 */
export function looksLikeCardNumber(text: string): boolean {
  const digits = text.normalize("NFKC").replace(/[\s\-‐−ー]/g, "");
  return /\d{12,}/.test(digits);
}

/** A card's expiry has passed once the month it names is over (Asia/Tokyo). */
export function cardExpired(expMonth: number, expYear: number, now: Date): boolean {
  const p = tokyoParts(now);
  return expYear < p.year || (expYear === p.year && expMonth < p.month);
}

/** How a stored payment method is named to people and on a statement: "VISA ••••4242", "みずほ銀行 本店 普通 ••••1234". */
export function paymentMethodLabel(m: {
  method: string;
  cardBrand: string | null;
  cardLast4: string | null;
  bankName: string | null;
  branchName: string | null;
  accountType: string | null;
  accountLast4: string | null;
}): string {
  if (m.method === "card") return `${CARD_BRAND_LABELS[m.cardBrand as CardBrand] ?? m.cardBrand} ••••${m.cardLast4}`;
  return `${m.bankName} ${m.branchName} ${ACCOUNT_TYPE_LABELS[m.accountType as AccountType] ?? m.accountType} ••••${m.accountLast4}`;
}

// ───────────────────────── holder names ─────────────────────────

/** カナ as banks print it: full-width katakana (half-width and hiragana converted), small kana made large. */
const SMALL_KANA: Record<string, string> = { ァ: "ア", ィ: "イ", ゥ: "ウ", ェ: "エ", ォ: "オ", ッ: "ツ", ャ: "ヤ", ュ: "ユ", ョ: "ヨ", ヮ: "ワ", ヵ: "カ", ヶ: "ケ" };

/** Legal-entity words as a bank account holder name abbreviates them: 株式会社 → カ, 有限会社 → ユ, 合同会社 → ド … */
const ENTITY_ABBREVIATIONS: [string, string][] = [
  ["カブシキガイシヤ", "カ"],
  ["カブシキカイシヤ", "カ"],
  ["ユウゲンガイシヤ", "ユ"],
  ["ゴウドウガイシヤ", "ド"],
  ["ゴウシガイシヤ", "シ"],
  ["ゴウメイガイシヤ", "メ"],
  ["イツパンシヤダンホウジン", "シヤ"],
  ["イツパンザイダンホウジン", "ザイ"],
];

/** A holder name in カナ, in the one form two spellings of the same name share. */
export function normalizeKanaName(name: string): string {
  let s = name.normalize("NFKC");
  s = s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  s = s.replace(/[ァィゥェォッャュョヮヵヶ]/g, (c) => SMALL_KANA[c] ?? c);
  s = s.replace(/[\s・.,､、。]/g, "").replace(/[ー‐−–—-]/g, "-").replace(/[（(]/g, "(").replace(/[）)]/g, ")");
  for (const [full, short] of ENTITY_ABBREVIATIONS) {
    if (s.startsWith(full)) s = `${short})${s.slice(full.length).replace(/^\)/, "")}`;
    else if (s.endsWith(full)) s = `${s.slice(0, -full.length).replace(/\($/, "")}(${short}`;
  }
  return s;
}

/** Whether a name is written in カナ (with the marks bank holder names use): what a bank account's holder must be. */
export function isKanaName(name: string): boolean {
  const s = name.normalize("NFKC").replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  return /^[\u30A1-\u30FA\u30FC\s・.,()（）\-‐−ー]+$/.test(s) && /[\u30A1-\u30FA]/.test(s);
}

/** A card holder name in the one form two spellings share: upper case, no spaces or punctuation. */
export function normalizeLatinName(name: string): string {
  return name.normalize("NFKC").toUpperCase().replace(/[\s.,'’\-/&]/g, "");
}

/** Whether a name is written as a card prints it: Latin letters, spaces and . , ' - / & only. */
export function isLatinName(name: string): boolean {
  return /^[A-Za-z][A-Za-z\s.,'’\-/&]*$/.test(name.normalize("NFKC"));
}

export function holderMatchesContract(method: "card" | "bank_transfer", holder: string, contract: { kana: string | null; latin: string | null }): boolean {
  if (method === "card") return contract.latin !== null && normalizeLatinName(holder) === normalizeLatinName(contract.latin);
  return contract.kana !== null && normalizeKanaName(holder) === normalizeKanaName(contract.kana);
}
