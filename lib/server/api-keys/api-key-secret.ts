import "server-only";
import crypto from "node:crypto";

/** A new key: `ocnk_<prefix>_<32 random bytes, base64url>`. Only its sha256 is stored; the prefix is shown in lists. */
export function newApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = crypto.randomBytes(5).toString("hex");
  const key = `ocnk_${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export const hashApiKey = (key: string) => crypto.createHash("sha256").update(key).digest("hex");
