// The demo's authenticator secrets: derived from the OCN ID so `npm run demo:otp` and the browser tests can
// compute codes. Only organizations marked is_demo get them; real accounts enrol with random secrets.
import crypto from "node:crypto";
import { base32Encode } from "@/lib/policy/totp";

export const DEMO_DOMAINS = ["minato-shoji.example.jp", "sakura-logistics.example.jp"] as const;

export function demoTotpSecret(loginId: string): string {
  return base32Encode(crypto.createHmac("sha256", "ocn-business-console-demo-totp").update(loginId).digest().subarray(0, 20));
}
