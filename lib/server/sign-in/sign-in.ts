import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import { generateTotpSecret } from "@/lib/policy/totp";
import { normalizeLoginId } from "@/lib/policy/login-id";
import type { SignInInput } from "@/lib/schemas/auth";
import { recordAudit, recordSignInEvent } from "../audit";
import { signInTransaction } from "../audit/sign-in-events";
import { db } from "../db";
import { checkAddress } from "../network/check-address";
import { getDummyHash, verifyPassword } from "../password";
import { sealSecret } from "../secret-box";
import { asSystem, withOrganization } from "../tenant-context";
import { organizationOf } from "../tenant-lookup";
import { createChallenge } from "./challenge";
import { auditBase, refuse, type ClientInfo, type SignInOutcome } from "./finish-sign-in";
import { isLocked, registerFailure } from "./lockout";
import { lockAndLoadAccount } from "./sign-in-account";

export type { ClientInfo, SignInOutcome } from "./finish-sign-in";

// The one sign-in pipeline, first factor: normalize → find → password → (under the account's row lock)
// lockout → status → allowlist → second factor challenge. Every outcome is audited.
export async function signIn(input: Pick<SignInInput, "loginId" | "password">, client: ClientInfo): Promise<SignInOutcome> {
  const prisma = await db();
  const loginId = normalizeLoginId(input.loginId);
  const organizationId = await organizationOf("loginId", loginId);
  const found = organizationId
    ? await withOrganization(organizationId, () => prisma.account.findUnique({ where: { loginId }, select: { id: true, organizationId: true, passwordHash: true } }))
    : null;
  // Hash even when the ID is unknown or has no password, so the answer takes as long either way.
  const passwordOk = await verifyPassword(found?.passwordHash ?? (await getDummyHash()), input.password);
  const now = new Date();

  if (!found) {
    // An attempt that belongs to no organization: written (and read back) only in the system scope.
    await asSystem(() => prisma.$transaction((tx) =>
      recordSignInEvent(tx, {
        organizationId: null,
        actorLabel: loginId.slice(0, 254),
        action: "auth.sign_in",
        outcome: "failure",
        reason: "unknown_id",
        ip: client.ip,
        country: client.country ?? null,
        userAgent: client.userAgent,
        occurredAt: now,
        details: { step: "password" },
      }),
    ));
    return { kind: "refused", reason: "unknown_id" };
  }

  return withOrganization(found.organizationId, () => decideFirstFactor(found.id, passwordOk, client, now));
}

/**
 * Everything after the hash, under the account's row lock: lockout → status → allowlist → second-factor challenge.
 * Separate from signIn so its cost can be measured without argon2id (npm run bench).
 */
export async function decideFirstFactor(accountId: string, passwordOk: boolean, client: ClientInfo, now: Date): Promise<SignInOutcome> {
  return signInTransaction(
    async (tx) => {
      const account = await lockAndLoadAccount(tx, accountId);
      if (isLocked(account, now)) return refuse(tx, account, "locked", client, now);
      if (account.status === "disabled" || account.status === "suspended" || account.status === "invited") {
        return refuse(tx, account, account.status, client, now);
      }
      // Offboarding: from the case's effective time on, as disabled (the status itself may not be written yet).
      if (accessEnded(account.accessEndsAt, now)) return refuse(tx, account, "disabled", client, now);
      if (!passwordOk) {
        await registerFailure(tx, account, account.lockout, { now, ...client });
        return refuse(tx, account, "bad_password", client, now);
      }
      const address = await checkAddress(tx, { organizationId: account.organizationId, ip: client.ip, isAdmin: account.isAdmin, now });
      if (!address.allowed) return refuse(tx, account, "ip_not_allowed", client, now);

      const step = account.totpEnabledAt ? "mfa" : "enroll";
      const pendingSecret = step === "enroll" ? sealSecret(generateTotpSecret(), account.id) : null;
      const token = await createChallenge(tx, { organizationId: account.organizationId, accountId: account.id, step, pendingSecret, ...client, now });
      await recordAudit(tx, { ...auditBase(account, client, now), action: "auth.password_verified", outcome: "success", details: { next: step } });
      return { kind: "challenge", step, token } as const;
    },
  );
}
