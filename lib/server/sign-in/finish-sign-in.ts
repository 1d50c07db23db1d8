import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import { passwordExpiry } from "@/lib/policy/password";
import { recordSignInEvent } from "../audit";
import type { Tx } from "../db";
import { createChallenge, type ChallengeStep } from "./challenge";
import type { SignInAccount } from "./sign-in-account";

export type SignInFailureReason =
  | "unknown_id"
  | "bad_password"
  | "locked"
  | "disabled"
  | "suspended"
  | "invited"
  | "ip_not_allowed"
  | "mfa_failed"
  | "challenge_expired";

export type SignInOutcome =
  | { kind: "session"; sessionId: string; accountId: string; expiresAt: Date }
  | { kind: "challenge"; step: ChallengeStep; token: string }
  | { kind: "refused"; reason: SignInFailureReason };

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** ISO country of the address when known (lib/server/geo.ts). */
  country?: string | null;
}

export function auditBase(account: SignInAccount, client: ClientInfo, now: Date) {
  return {
    organizationId: account.organizationId,
    actorId: account.id,
    actorLabel: account.loginId,
    targetType: "account",
    targetId: account.id,
    targetLabel: account.loginId,
    action: "auth.sign_in",
    ip: client.ip,
    country: client.country ?? null,
    userAgent: client.userAgent,
    occurredAt: now,
  };
}

export async function refuse(tx: Tx, account: SignInAccount, reason: SignInFailureReason, client: ClientInfo, now: Date, step = "password"): Promise<SignInOutcome> {
  await recordSignInEvent(tx, { ...auditBase(account, client, now), outcome: "failure", reason, details: { step } });
  return { kind: "refused", reason };
}

/**
 * After every factor has passed: a forced password change comes first, otherwise the session starts.
 * The success event is written only here, so each sign-in counts once in the log and the rollup.
 */
export async function finishSignIn(tx: Tx, account: SignInAccount, client: ClientInfo, now: Date, factor: string): Promise<SignInOutcome> {
  // Every way to a session passes here: none after an offboarding's effective time, whatever step began before it.
  if (accessEnded(account.accessEndsAt, now)) return refuse(tx, account, "disabled", client, now, factor);
  const expiry = passwordExpiry(account.passwordChangedAt, account.maxPasswordAgeDays, now);
  if (account.mustChangePassword || expiry.state === "expired") {
    const token = await createChallenge(tx, { organizationId: account.organizationId, accountId: account.id, step: "change_password", ...client, now });
    return { kind: "challenge", step: "change_password", token };
  }
  const session = await tx.session.create({
    data: {
      organizationId: account.organizationId,
      accountId: account.id,
      sessionVersion: account.sessionVersion,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + account.sessionHours * 3_600_000),
    },
    select: { id: true, expiresAt: true },
  });
  await tx.account.update({
    where: { id: account.id },
    data: { lastSignInAt: now, ...(account.status === "locked" ? { status: "active", lockedUntil: null } : {}) },
  });
  await tx.signInFailure.deleteMany({ where: { accountId: account.id } });
  await recordSignInEvent(tx, { ...auditBase(account, client, now), outcome: "success", details: { sessionId: session.id, factor } });
  return { kind: "session", sessionId: session.id, accountId: account.id, expiresAt: session.expiresAt };
}
