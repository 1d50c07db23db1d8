// RFC 6238 TOTP (HMAC-SHA-1, 30-second steps, 6 digits) and single-use backup codes.
// Pure apart from node:crypto: no clock, no storage — callers pass `at` and keep `lastUsedStep`.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

export const TOTP_ISSUER = "OCN Business Console";
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of the current one that are still accepted (clock drift, slow typing). */
export const TOTP_WINDOW = 1;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32, upper case, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Lenient about case, spaces and `=` padding (secrets are often copied by hand); throws on anything else. */
export function base32Decode(input: string): Buffer {
  const clean = input.replace(/[\s=-]/g, "").toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error("Invalid base32 secret");
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A fresh 160-bit secret (the RFC 4226 recommendation for SHA-1), base32 without padding. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The RFC 6238 time step ("T") that contains `at`. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

function secretKey(secretBase32: string): Buffer {
  const key = base32Decode(secretBase32);
  if (key.length === 0) throw new Error("Empty TOTP secret");
  return key;
}

/** The code for the step containing `at`, shifted by `stepOffset` steps. `digits` exists for the RFC's 8-digit vectors. */
export function totpCode(secretBase32: string, at: Date, stepOffset = 0, options: { digits?: number } = {}): string {
  const digits = options.digits ?? TOTP_DIGITS;
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) throw new RangeError("digits must be 6–10");
  const step = totpStep(at) + stepOffset;
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError("Time step out of range");
  return hotp(secretKey(secretBase32), step, digits);
}

// Hyphens and the look-alikes a Japanese IME produces (‐ ‑ ‒ – — ― − ー); NFKC already maps full-width ones to "-".
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\u30fc]/g;

/** What the user typed, as ASCII digits: "１２３ ４５６" → "123456". */
export function normalizeTotpInput(input: string): string {
  return input.normalize("NFKC").replace(SEPARATORS, "");
}

export type TotpVerification = { ok: true; step: number } | { ok: false };

/**
 * Accepts the code for the current step ±1, unless that step is <= `lastUsedStep` (a code works once per account).
 * On success the caller stores `step` as the new `lastUsedStep`.
 */
export function verifyTotp(secretBase32: string, code: string, at: Date, lastUsedStep: number | null): TotpVerification {
  const key = secretKey(secretBase32);
  const typed = normalizeTotpInput(code);
  if (!new RegExp(`^[0-9]{${TOTP_DIGITS}}$`).test(typed)) return { ok: false };
  const typedBytes = Buffer.from(typed);
  const current = totpStep(at);
  let matched: number | null = null;
  // Every candidate is computed and compared, so timing does not reveal which step (if any) matched.
  for (let offset = -TOTP_WINDOW; offset <= TOTP_WINDOW; offset++) {
    const step = current + offset;
    if (step < 0) continue;
    const equal = timingSafeEqual(Buffer.from(hotp(key, step, TOTP_DIGITS)), typedBytes);
    const fresh = lastUsedStep === null || step > lastUsedStep;
    // The latest matching step wins, so a code valid for two adjacent steps cannot be replayed in the later one.
    if (equal && fresh) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}

/** The Key URI Format (otpauth://totp/Issuer:account?...) that authenticator apps read from the QR code. */
export function otpauthUri({ secret, accountName, issuer = TOTP_ISSUER }: { secret: string; accountName: string; issuer?: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params = [
    `secret=${base32Encode(base32Decode(secret))}`,
    `issuer=${encodeURIComponent(issuer)}`,
    "algorithm=SHA1",
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_STEP_SECONDS}`,
  ];
  return `otpauth://totp/${label}?${params.join("&")}`;
}

// Lower case without i, l, o, 0, 1 (nothing to confuse with 0/O/1/l/I): 31 symbols, 8 of them ≈ 39.6 bits per code.
export const BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const BACKUP_CODE_GROUP = 4;

/** `n` single-use codes shaped `xxxx-xxxx`, all distinct. */
export function generateBackupCodes(n = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < n) {
    let raw = "";
    for (let i = 0; i < BACKUP_CODE_GROUP * 2; i++) raw += BACKUP_CODE_ALPHABET[randomInt(BACKUP_CODE_ALPHABET.length)];
    codes.add(`${raw.slice(0, BACKUP_CODE_GROUP)}-${raw.slice(BACKUP_CODE_GROUP)}`);
  }
  return [...codes];
}

/** The form backup codes are hashed in: "ＡＢＣＤ－ｅｆｇｈ " → "abcdefgh". */
export function normalizeBackupCode(input: string): string {
  return input.normalize("NFKC").toLowerCase().replace(SEPARATORS, "");
}
