// Signs in through the real pipeline, second factor included, and runs operations as that session (integration tests).
import { totpCode, totpStep } from "@/lib/policy/totp";
import { openSecret } from "@/lib/server/secret-box";
import { runWithSession } from "@/lib/server/session";
import { hashToken } from "@/lib/server/sign-in/challenge";
import { enrollSecondFactor } from "@/lib/server/sign-in/enroll-second-factor";
import type { ClientInfo, SignInOutcome } from "@/lib/server/sign-in/finish-sign-in";
import { signIn } from "@/lib/server/sign-in/sign-in";
import { verifySecondFactor } from "@/lib/server/sign-in/verify-second-factor";
import { FACTORY_TOTP_SECRET } from "@/tests/factories";
import { ownerPrisma } from "./database";

/** A code the account has not used yet: the current step's, or the next one's when this step is spent. */
export async function freshCode(accountId: string, secret = FACTORY_TOTP_SECRET): Promise<string> {
  const prisma = ownerPrisma();
  const { totpLastStep } = await prisma.account.findUniqueOrThrow({ where: { id: accountId }, select: { totpLastStep: true } });
  const now = new Date();
  const offset = totpLastStep !== null && totpLastStep >= totpStep(now) ? totpLastStep - totpStep(now) + 1 : 0;
  if (offset > 1) throw new Error("no unused one-time code left in the window; wait for the next step");
  return totpCode(secret, now, offset);
}

/** Runs the second step for whatever challenge the first step returned. */
export async function passSecondFactor(outcome: SignInOutcome, client: ClientInfo, secret = FACTORY_TOTP_SECRET): Promise<SignInOutcome> {
  if (outcome.kind !== "challenge") return outcome;
  const prisma = ownerPrisma();
  const challenge = await prisma.signInChallenge.findUniqueOrThrow({ where: { tokenHash: hashToken(outcome.token) } });
  if (outcome.step === "mfa") {
    return verifySecondFactor(outcome.token, { code: await freshCode(challenge.accountId, secret), method: "totp" }, client);
  }
  if (outcome.step === "enroll") {
    const pending = openSecret(challenge.pendingSecret!, challenge.accountId);
    return (await enrollSecondFactor(outcome.token, { code: totpCode(pending, new Date()) }, client)).outcome;
  }
  return outcome;
}

export async function signedIn(loginId: string, password: string, ip = "192.0.2.10") {
  const client = { ip, userAgent: "vitest" };
  const result = await passSecondFactor(await signIn({ loginId, password }, client), client);
  if (result.kind !== "session") throw new Error(`sign-in did not reach a session for ${loginId}: ${JSON.stringify(result)}`);
  return {
    ...result,
    run: <T>(fn: () => Promise<T>) => runWithSession(result.sessionId, fn, ip),
  };
}
