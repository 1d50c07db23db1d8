import "server-only";
import crypto from "node:crypto";
import type { Tx } from "../db";
import { db } from "../db";
import { withOrganization } from "../tenant-context";
import { organizationOf } from "../tenant-lookup";

// Between the steps of a sign-in the browser holds a random token; the database holds its hash.
export type ChallengeStep = "mfa" | "enroll" | "change_password";
const LIFETIME_MS = 10 * 60_000;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createChallenge(
  tx: Tx,
  input: { organizationId: string; accountId: string; step: ChallengeStep; pendingSecret?: string | null; ip: string | null; userAgent: string | null; now: Date },
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await tx.signInChallenge.updateMany({
    where: { accountId: input.accountId, consumedAt: null },
    data: { consumedAt: input.now },
  });
  await tx.signInChallenge.create({
    data: {
      organizationId: input.organizationId,
      accountId: input.accountId,
      tokenHash: hashToken(token),
      step: input.step,
      pendingSecret: input.pendingSecret ?? null,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + LIFETIME_MS),
    },
  });
  return token;
}

/** The live challenge for this token and step, or null when unknown, used, expired or of another step. */
export async function findChallenge(token: string | null | undefined, step: ChallengeStep, now = new Date()) {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const organizationId = await organizationOf("signInChallenge", tokenHash);
  if (!organizationId) return null;
  const prisma = await db();
  const challenge = await withOrganization(organizationId, () =>
    prisma.signInChallenge.findUnique({
      where: { tokenHash },
      select: { id: true, organizationId: true, accountId: true, step: true, pendingSecret: true, expiresAt: true, consumedAt: true },
    }),
  );
  if (!challenge || challenge.step !== step || challenge.consumedAt || challenge.expiresAt <= now) return null;
  return challenge;
}
