// npm run demo:otp -- <OCN ID> — prints the current one-time code of a demo account; refuses anything but demo data.
import { normalizeLoginId } from "@/lib/policy/login-id";
import { totpCode, TOTP_STEP_SECONDS } from "@/lib/policy/totp";
import { DEMO_DOMAINS, demoTotpSecret } from "@/prisma/demo-totp";

// The demo's seeded secrets are derived from the OCN ID, so this needs no database (the running console holds it).
const loginId = normalizeLoginId(process.argv[2] ?? "");
if (!loginId) {
  console.error("usage: npm run demo:otp -- <OCN ID>   (e.g. admin@minato-shoji.example.jp)");
  process.exit(2);
}
if (!DEMO_DOMAINS.some((domain) => loginId.endsWith(`@${domain}`))) {
  console.error(`error: ${loginId} is not a demo account; this command only serves the demo data (${DEMO_DOMAINS.join(", ")})`);
  process.exit(1);
}
const now = new Date();
const secret = demoTotpSecret(loginId);
const left = TOTP_STEP_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_STEP_SECONDS);
console.log(`${totpCode(secret, now)}   (valid ${left} s more; next ${totpCode(secret, now, 1)})`);
