import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { normalizeBackupCode } from "@/lib/policy/totp";

// Secrets at rest (TOTP seeds) are sealed with AES-256-GCM under TOTP_ENCRYPTION_KEY, or for a local console under a
// random key kept beside the embedded database. Losing or changing the key makes every sealed secret unreadable.

export const KEY_VARIABLE = "TOTP_ENCRYPTION_KEY";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = "v1";

export class SecretBoxError extends Error {}

/** 32 bytes as 64 hex characters or as base64 / base64url (43–44 characters). The message never echoes the value. */
export function parseEncryptionKey(value: string, source: string = KEY_VARIABLE): Buffer {
  const text = value.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (!key || key.length !== KEY_BYTES) {
    throw new SecretBoxError(
      `${source} must be ${KEY_BYTES} bytes written as base64 (44 characters) or hex (64 characters), ` +
        `got ${text.length} characters; generate one with \`openssl rand -base64 32\``,
    );
  }
  return key;
}

/** The fallback key file: read it, or create it (0600) if no process has yet; a lost race reads the winner's key. */
export function readOrCreateKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = crypto.randomBytes(KEY_BYTES).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      text = fresh;
    } catch {
      text = fs.readFileSync(file, "utf8");
    }
  }
  return parseEncryptionKey(text, file);
}

let cached: { seal: Buffer; backupCodes: Buffer } | undefined;

function keys(): { seal: Buffer; backupCodes: Buffer } {
  if (cached) return cached;
  // An empty value (a `TOTP_ENCRYPTION_KEY=` template line) counts as unset, as DATABASE_URL does in env.ts.
  const configured = process.env[KEY_VARIABLE]?.trim();
  const master = configured ? parseEncryptionKey(configured) : readOrCreateKeyFile(path.resolve(".data", "totp-key"));
  const backupCodes = Buffer.from(crypto.hkdfSync("sha256", master, Buffer.alloc(0), "ocn-console/backup-codes/v1", KEY_BYTES));
  cached = { seal: master, backupCodes };
  return cached;
}

/**
 * `v1:<iv>:<tag>:<ciphertext>`, each part base64url. `context` (say, the account id) is bound in as associated data,
 * so a sealed value copied onto another row will not open there; pass the same `context` to `openSecret`.
 */
export function sealSecret(plain: string, context = ""): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", keys().seal, iv);
  cipher.setAAD(Buffer.from(`${FORMAT}:${context}`));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url"));
  return [FORMAT, ...parts].join(":");
}

/** Throws SecretBoxError if the value is malformed, was tampered with, or was sealed under another key or context. */
export function openSecret(sealed: string, context = ""): string {
  const parts = sealed.split(":");
  const b64url = /^[A-Za-z0-9_-]*$/;
  if (parts.length !== 4 || parts[0] !== FORMAT || !parts.every((p, i) => i === 0 || b64url.test(p))) {
    throw new SecretBoxError("Malformed sealed secret");
  }
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("Malformed sealed secret");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keys().seal, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${FORMAT}:${context}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("Sealed secret failed authentication (tampered, or sealed under another key)");
  }
}

// HMAC, not argon2: codes are random (~40 bits) and the key is not in the database, so slowness buys nothing but ten slow checks.
/** Deterministic, so the stored hash can be looked up directly; the input is normalized first. */
export function hashBackupCode(code: string): string {
  return crypto.createHmac("sha256", keys().backupCodes).update(normalizeBackupCode(code)).digest("base64url");
}

/** The stored hash `code` matches, or null; compares against every hash in constant time. */
export function matchBackupCode(code: string, storedHashes: readonly string[]): string | null {
  const typed = Buffer.from(hashBackupCode(code));
  let found: string | null = null;
  for (const stored of storedHashes) {
    const candidate = Buffer.from(stored);
    if (candidate.length === typed.length && crypto.timingSafeEqual(candidate, typed)) found = stored;
  }
  return found;
}
