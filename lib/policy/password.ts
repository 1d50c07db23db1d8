// Password rules after NIST SP 800-63B: a minimum length, a generous maximum and a blocklist (common passwords,
// the person's and the organization's own names, repetitive or sequential strings). No composition rules.
import { COMMON_PASSWORDS } from "@/lib/policy/common-passwords";

/** The maximum length is never set below this: long passphrases must always fit. */
export const MIN_ACCEPTED_MAX_LENGTH = 128;
/** Days before expiry during which the person is reminded to change the password. */
export const PASSWORD_EXPIRY_WARNING_DAYS = 14;

export type PasswordProblem =
  | { code: "too_short"; min: number }
  | { code: "too_long"; max: number }
  | { code: "common" }
  | { code: "contains_personal" }
  | { code: "contains_organization" }
  | { code: "repetitive" };

export type PasswordProblemCode = PasswordProblem["code"];

export interface PasswordStrengthOptions {
  minLength: number;
  /** Default 128; a smaller value is raised to 128. */
  maxLength?: number;
  /** The person's login ID, mail address, display name, name in kana, employee number. Nulls are skipped. */
  personal?: readonly (string | null | undefined)[];
  /** The organization's name, customer number, domain. Nulls are skipped. */
  organization?: readonly (string | null | undefined)[];
}

/** NFKC, as stored and hashed: full-width letters, digits and spaces become ASCII. No trimming, no case folding. */
export function normalizePassword(p: string): string {
  return p.normalize("NFKC");
}

/** Problems with a new password, in a stable order; empty when it is acceptable. */
export function checkPasswordStrength(password: string, options: PasswordStrengthOptions): PasswordProblem[] {
  const normalized = normalizePassword(password);
  const length = codePointLength(normalized);
  const max = Math.max(options.maxLength ?? MIN_ACCEPTED_MAX_LENGTH, MIN_ACCEPTED_MAX_LENGTH);
  const problems: PasswordProblem[] = [];

  if (length < options.minLength) problems.push({ code: "too_short", min: options.minLength });
  // The content checks are bounded to accepted lengths, so a pasted megabyte costs nothing; shorten it first.
  if (length > max) return [...problems, { code: "too_long", max }];

  const folded = fold(normalized);
  const tokens = identityTokens(options.personal ?? [], options.organization ?? []);
  if (isCommon(folded)) problems.push({ code: "common" });
  if (containsAny(folded, tokens.personal)) problems.push({ code: "contains_personal" });
  if (containsAny(folded, tokens.organization)) problems.push({ code: "contains_organization" });
  if (isRepetitive(folded)) problems.push({ code: "repetitive" });
  return problems;
}

export interface PasswordExpiry {
  state: "ok" | "warn" | "expired";
  /** null when the policy never expires passwords, or no password was ever set. */
  expiresAt: Date | null;
  /** Whole days left, rounded up; 0 once expired; null when the password never expires. */
  daysLeft: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where a password stands against the organization's maximum age. A null changedAt (never set, or reset by an
 * administrator) is expired whatever the policy: the person must set one. The last 14 days before expiry warn.
 */
export function passwordExpiry(changedAt: Date | null, maxAgeDays: number | null, now: Date): PasswordExpiry {
  if (maxAgeDays !== null && !(Number.isInteger(maxAgeDays) && maxAgeDays >= 1)) {
    throw new RangeError(`maxAgeDays must be a positive integer or null, got ${maxAgeDays}`);
  }
  if (Number.isNaN(now.getTime()) || (changedAt !== null && Number.isNaN(changedAt.getTime()))) {
    throw new RangeError("Invalid date");
  }
  if (changedAt === null) return { state: "expired", expiresAt: null, daysLeft: 0 };
  if (maxAgeDays === null) return { state: "ok", expiresAt: null, daysLeft: null };

  // Japan keeps no daylight saving time, so 24-hour days are calendar days in Asia/Tokyo.
  const expiresAt = new Date(changedAt.getTime() + maxAgeDays * DAY_MS);
  const remaining = expiresAt.getTime() - now.getTime();
  if (remaining <= 0) return { state: "expired", expiresAt, daysLeft: 0 };
  const daysLeft = Math.ceil(remaining / DAY_MS);
  return { state: daysLeft <= PASSWORD_EXPIRY_WARNING_DAYS ? "warn" : "ok", expiresAt, daysLeft };
}

// ---------------------------------------------------------------------------------------------------------------
// Folding: what the checks compare.

function codePointLength(s: string): number {
  return [...s].length;
}

/** NFKC, lower case, katakana as hiragana (サトウ and さとう are the same name). */
function fold(s: string): string {
  return normalizePassword(s)
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

// One ASCII character for another, so indexes in a variant are indexes in the original.
const LEET_BASE: Record<string, string> = { "@": "a", "4": "a", "3": "e", "!": "i", "0": "o", $: "s", "5": "s", "7": "t", "+": "t" };
const LEET_I: Record<string, string> = { ...LEET_BASE, "1": "i", "|": "i" };
const LEET_L: Record<string, string> = { ...LEET_BASE, "1": "l", "|": "l" };

/** The folded string as typed and de-leeted two ways ("p@ssw0rd" reads "password"), each the same length. */
function readings(s: string): [string, string, string] {
  const read = (table: Record<string, string>) => s.replace(/[@43!0$57+1|]/g, (c) => table[c] ?? c);
  return [s, read(LEET_I), read(LEET_L)];
}

// ---------------------------------------------------------------------------------------------------------------
// Common passwords.

/** A blocklisted word this long, with only digits and symbols around it, makes the password common. */
const EMBEDDED_MIN_LENGTH = 6;
const EMBEDDABLE = [...COMMON_PASSWORDS].filter((w) => w.length >= EMBEDDED_MIN_LENGTH);
const HAS_LETTER = /\p{L}/u;

function isCommon(folded: string): boolean {
  // Separators dropped too ("nihon-2026!!" is "nihon2026!!"), but not the symbols that stand for letters.
  const compact = folded.replace(/[^\p{L}\p{N}@$!|+]/gu, "");
  return isCommonAsTyped(folded) || (compact !== folded && isCommonAsTyped(compact));
}

function isCommonAsTyped(folded: string): boolean {
  const rs = readings(folded);
  if (rs.some((r) => COMMON_PASSWORDS.has(r))) return true;
  for (const word of EMBEDDABLE) {
    for (const r of rs) {
      for (let i = r.indexOf(word); i !== -1; i = r.indexOf(word, i + 1)) {
        // The surroundings are judged as typed: "2026" around a word is digits, not "zoz6".
        if (!HAS_LETTER.test(folded.slice(0, i)) && !HAS_LETTER.test(folded.slice(i + word.length))) return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Personal and organization names.

/** A name, number or domain part counts from this many characters (code points). */
const TOKEN_MIN_LENGTH = 4;

// Legal forms and generic words say nothing about this organization; "(株)" is what NFKC makes of "㈱".
const LEGAL_FORMS = [
  "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人",
  "社団法人", "財団法人", "医療法人", "学校法人", "社会福祉法人", "(株)", "(有)", "(同)",
];
const GENERIC_TOKENS = new Set([
  "inc", "corp", "corporation", "company", "limited", "ltd", "holdings", "group", "japan", "kabushiki", "kaisha", "kabushikikaisha",
  "ほーるでぃんぐす", "ぐるーぷ", "じゃぱん", "com", "net", "org", "info", "biz", "mail", "www",
]);
const SEPARATORS = /[\s.,_\-@+'’"/\\:;()[\]{}・、。「」]+/u;
// Latin letters, digits, and everything else (kana, kanji) as separate runs: "sato2" gives "sato".
const SCRIPT_RUNS = /[a-z]+|[0-9]+|[^a-z0-9]+/g;

function identityTokens(
  personal: readonly (string | null | undefined)[],
  organization: readonly (string | null | undefined)[],
): { personal: string[]; organization: string[] } {
  const p = new Set<string>();
  const o = new Set<string>();
  for (const value of personal) {
    if (!value) continue;
    const f = fold(value).trim();
    const at = f.lastIndexOf("@");
    // A mail address or login ID: the local part is the person, the domain is the organization's.
    if (at > 0) {
      addTokens(p, f.slice(0, at));
      addTokens(o, f.slice(at + 1));
    } else {
      addTokens(p, f);
    }
  }
  for (const value of organization) {
    if (!value) continue;
    let f = fold(value).trim();
    for (const form of LEGAL_FORMS) f = f.split(form).join(" ");
    addTokens(o, f.trim());
  }
  return { personal: [...p], organization: [...o] };
}

function addTokens(into: Set<string>, folded: string): void {
  const parts = folded.split(SEPARATORS).filter(Boolean);
  const candidates = [folded, parts.join("")];
  for (const part of parts) candidates.push(part, ...(part.match(SCRIPT_RUNS) ?? []));
  // Domain labels with their hyphens: "minato-shoji" as well as "minato" and "shoji".
  candidates.push(...folded.split(/[\s.@]+/));
  for (const c of candidates) {
    if (codePointLength(c) >= TOKEN_MIN_LENGTH && !GENERIC_TOKENS.has(c)) into.add(c);
  }
}

// Literal containment, no de-leeting: "5at0" would read "sato", and so would one random string in a few thousand.
function containsAny(folded: string, tokens: readonly string[]): boolean {
  return tokens.some((t) => folded.includes(t));
}

// ---------------------------------------------------------------------------------------------------------------
// Repetition and sequences.
//
// The password is cut into pieces at the least cost: a run of one character (3+) costs 1, a sequence along the
// alphabet, the digits, a keyboard row or column or the kana table (3+, either way) costs 1, a block repeated
// back to back costs what one block costs plus 1, and any other character costs 1. A password is repetitive when
// that cost is at most half its length: "qwertyuiop12" costs 3, "123412341234" 2, "aaaaaaaaaaaa" 1. A random
// string saves about 2 per rare coincidence (an "abc" or "rfv"), so random input stays far from the line.

const SEQUENCE_MIN_LENGTH = 3;

const SEQUENCE_LINES = [
  "abcdefghijklmnopqrstuvwxyz",
  "01234567890",
  // JIS and US keyboard rows, unshifted and shifted.
  "1234567890-^\\",
  "1234567890-=",
  "qwertyuiop@[",
  "qwertyuiop[]\\",
  "asdfghjkl;:]",
  "asdfghjkl;'",
  "zxcvbnm,./\\",
  "!\"#$%&'()",
  "!@#$%^&*()_+",
  // Keyboard columns ("1qaz2wsx") and the numeric keypad ("741852963").
  "1qaz",
  "!qaz",
  "2wsx",
  "3edc",
  "4rfv",
  "5tgb",
  "6yhn",
  "7ujm",
  "8ik,",
  "9ol.",
  "0p;/",
  "741",
  "852",
  "963",
  // The kana table, after katakana folds to hiragana.
  "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん",
].map((line) => [...line]);

const LINE_POSITIONS = new Map<string, { line: string[]; index: number }[]>();
for (const line of SEQUENCE_LINES) {
  line.forEach((c, index) => {
    const list = LINE_POSITIONS.get(c) ?? [];
    list.push({ line, index });
    LINE_POSITIONS.set(c, list);
  });
}

function isRepetitive(folded: string): boolean {
  const chars = [...folded];
  if (chars.length === 0) return false;
  return pieceCost(chars, new Map()) * 2 <= chars.length;
}

/** The least cost of cutting chars into pieces (see above). */
function pieceCost(chars: readonly string[], memo: Map<string, number>): number {
  const key = chars.join("");
  const known = memo.get(key);
  if (known !== undefined) return known;

  const n = chars.length;
  const best = new Array<number>(n + 1).fill(Infinity);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    let b = 1 + best[i + 1]!;
    const pattern = Math.max(sameRun(chars, i), sequenceRun(chars, i));
    for (let j = i + SEQUENCE_MIN_LENGTH; j <= i + pattern; j++) b = Math.min(b, 1 + best[j]!);
    for (let unit = 2; i + 2 * unit <= n; unit++) {
      let reps = 1;
      while (i + (reps + 1) * unit <= n && sameSlice(chars, i, i + reps * unit, unit)) reps++;
      if (reps < 2) continue;
      const unitCost = pieceCost(chars.slice(i, i + unit), memo);
      for (let r = 2; r <= reps; r++) b = Math.min(b, unitCost + 1 + best[i + r * unit]!);
    }
    best[i] = b;
  }
  memo.set(key, best[0]!);
  return best[0]!;
}

function sameRun(chars: readonly string[], i: number): number {
  let k = 1;
  while (i + k < chars.length && chars[i + k] === chars[i]) k++;
  return k;
}

function sequenceRun(chars: readonly string[], i: number): number {
  let longest = 1;
  for (const { line, index } of LINE_POSITIONS.get(chars[i]!) ?? []) {
    for (const step of [1, -1]) {
      let k = 1;
      while (i + k < chars.length && line[index + step * k] === chars[i + k]) k++;
      longest = Math.max(longest, k);
    }
  }
  return longest;
}

function sameSlice(chars: readonly string[], a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (chars[a + k] !== chars[b + k]) return false;
  return true;
}
