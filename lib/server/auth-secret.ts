import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env";

let secret: string | undefined;

/** NEXTAUTH_SECRET, or for a local console a random one kept beside the embedded database. */
export function authSecret(): string {
  if (secret) return secret;
  const configured = env().NEXTAUTH_SECRET;
  if (configured) return (secret = configured);
  const file = path.resolve(".data", "auth-secret");
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      secret = fresh;
    } catch {
      secret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return secret;
}
