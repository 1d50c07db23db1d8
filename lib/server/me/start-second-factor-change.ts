import "server-only";
import { generateTotpSecret, otpauthUri } from "@/lib/policy/totp";
import { authorize, type Actor } from "../authorize";
import { qrSvg } from "../qr";
import { SecretBoxError, openSecret, sealSecret } from "../secret-box";

export const PENDING_SECOND_FACTOR_MS = 15 * 60_000;

// The new secret travels with the form, sealed under the server's key and bound to this account and this session:
// it cannot be read, altered or replayed elsewhere, and nothing is stored until a code from the app proves it.
const context = (who: Pick<Actor, "accountId" | "sessionId">) => `my-page-totp:${who.accountId}:${who.sessionId}`;

/** The form's sealed value for a new secret; only this account's session `sessionId` can open it, until `expiresAt`. */
export function sealPendingSecondFactor(who: Pick<Actor, "accountId" | "sessionId">, secret: string, expiresAt: Date): string {
  return sealSecret(JSON.stringify({ secret, exp: expiresAt.getTime() }), context(who));
}

/** A new authenticator secret for the member to scan (QR code and text), not yet in force. */
export async function startSecondFactorChange(): Promise<{ pending: string; secret: string; qrSvg: string; loginId: string; expiresAt: Date }> {
  const actor = await authorize();
  const secret = generateTotpSecret();
  const expiresAt = new Date(Date.now() + PENDING_SECOND_FACTOR_MS);
  const pending = sealPendingSecondFactor(actor, secret, expiresAt);
  return { pending, secret, qrSvg: await qrSvg(otpauthUri({ secret, accountName: actor.loginId })), loginId: actor.loginId, expiresAt };
}

/** The secret a start step sealed for this session, or null when it is not one, is for someone else, or is too old. */
export function openPendingSecondFactor(actor: Actor, pending: string, now: Date): string | null {
  try {
    const value = JSON.parse(openSecret(pending, context(actor))) as { secret?: unknown; exp?: unknown };
    if (typeof value.secret !== "string" || typeof value.exp !== "number" || value.exp <= now.getTime()) return null;
    return value.secret;
  } catch (e) {
    if (e instanceof SecretBoxError || e instanceof SyntaxError) return null;
    throw e;
  }
}
