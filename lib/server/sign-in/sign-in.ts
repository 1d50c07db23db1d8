import "server-only";
import { normalizeLoginId } from "@/lib/policy/login-id";
import type { SignInInput } from "@/lib/schemas/auth";
import { recordSignInEvent } from "../audit";
import { db } from "../db";
import { env } from "../env";
import { getDummyHash, verifyPassword } from "../password";

// The one sign-in pipeline: normalize → find → password → status → session; every outcome is audited.
// Lockout, IP allowlists and the second factor slot in between (issue 3).

export type SignInFailureReason = "unknown_id" | "bad_password" | "locked" | "disabled" | "suspended" | "invited";

export type SignInResult =
  | { ok: true; sessionId: string; accountId: string }
  | { ok: false; reason: SignInFailureReason };

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export async function signIn(input: Pick<SignInInput, "loginId" | "password">, client: ClientInfo): Promise<SignInResult> {
  const prisma = await db();
  const loginId = normalizeLoginId(input.loginId);
  const now = new Date();
  const account = await prisma.account.findUnique({
    where: { loginId },
    select: {
      id: true,
      organizationId: true,
      loginId: true,
      status: true,
      lockedUntil: true,
      sessionVersion: true,
      passwordHash: true,
      organization: { select: { businessHoursStart: true, businessHoursEnd: true } },
    },
  });

  // Hash even when the ID is unknown or has no password, so the answer takes as long either way.
  const passwordOk = await verifyPassword(account?.passwordHash ?? (await getDummyHash()), input.password);
  const base = { ip: client.ip, userAgent: client.userAgent, occurredAt: now, targetType: "account" };

  if (!account) {
    await prisma.$transaction((tx) =>
      recordSignInEvent(tx, {
        ...base,
        organizationId: null,
        actorLabel: loginId.slice(0, 254),
        outcome: "failure",
        reason: "unknown_id",
        action: "auth.sign_in",
      }),
    );
    return { ok: false, reason: "unknown_id" };
  }

  const hours = { startHour: account.organization.businessHoursStart, endHour: account.organization.businessHoursEnd };
  const who = { ...base, organizationId: account.organizationId, actorId: account.id, actorLabel: account.loginId, targetId: account.id, targetLabel: account.loginId, action: "auth.sign_in" };

  let reason: SignInFailureReason | null = null;
  if (account.status === "locked" && (!account.lockedUntil || account.lockedUntil > now)) reason = "locked";
  else if (account.status === "disabled") reason = "disabled";
  else if (account.status === "suspended") reason = "suspended";
  else if (account.status === "invited") reason = "invited";
  else if (!passwordOk) reason = "bad_password";

  if (reason) {
    const failed = reason;
    await prisma.$transaction((tx) => recordSignInEvent(tx, { ...who, outcome: "failure", reason: failed }, hours));
    return { ok: false, reason };
  }

  const expiresAt = new Date(now.getTime() + env().SESSION_MAX_HOURS * 3_600_000);
  const session = await prisma.$transaction(async (tx) => {
    if (account.status === "locked") {
      await tx.account.update({ where: { id: account.id }, data: { status: "active", lockedUntil: null } });
    }
    const created = await tx.session.create({
      data: {
        organizationId: account.organizationId,
        accountId: account.id,
        sessionVersion: account.sessionVersion,
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      },
      select: { id: true },
    });
    await tx.account.update({ where: { id: account.id }, data: { lastSignInAt: now } });
    await recordSignInEvent(tx, { ...who, outcome: "success", details: { sessionId: created.id } }, hours);
    return created;
  });
  return { ok: true, sessionId: session.id, accountId: account.id };
}
