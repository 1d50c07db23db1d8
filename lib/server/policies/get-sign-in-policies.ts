import "server-only";
import { can } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";
import { env } from "../env";

// The values in force, in the form's units. A missing row means the sign-in pipeline's defaults apply;
// reading never creates it: the first change does.

export interface LockoutPolicyView {
  threshold: number;
  windowMinutes: number;
  /** null = locked until an administrator unlocks. */
  durationMinutes: number | null;
  escalate: boolean;
}

export interface PasswordPolicyView {
  minLength: number;
  /** null = passwords never expire. */
  maxAgeDays: number | null;
  historyDepth: number;
}

export interface SessionPolicyView {
  idleMinutes: number;
  absoluteHours: number;
}

/** As stored; the same fallbacks the sign-in pipeline and authorize() use when a row is missing. */
export const storedDefaults = () => ({
  lockout: { threshold: 10, windowSeconds: 900, durationSeconds: 1800 as number | null, escalate: true },
  password: { minLength: 12, maxAgeDays: 90 as number | null, historyDepth: 5 },
  session: { idleMinutes: env().SESSION_IDLE_MINUTES, absoluteHours: 12 },
});

export type StoredLockoutPolicy = ReturnType<typeof storedDefaults>["lockout"];

export function lockoutView(p: StoredLockoutPolicy): LockoutPolicyView {
  return {
    threshold: p.threshold,
    windowMinutes: Math.round(p.windowSeconds / 60),
    durationMinutes: p.durationSeconds === null ? null : Math.round(p.durationSeconds / 60),
    escalate: p.escalate,
  };
}

/** The organization's lockout, password and session policies, and whether the caller may change them. */
export async function getSignInPolicies() {
  const actor = await authorize("security", "view");
  const prisma = await db();
  const where = { organizationId: actor.organizationId };
  const [lockout, password, session] = await Promise.all([
    prisma.lockoutPolicy.findUnique({ where, select: { threshold: true, windowSeconds: true, durationSeconds: true, escalate: true } }),
    prisma.passwordPolicy.findUnique({ where, select: { minLength: true, maxAgeDays: true, historyDepth: true } }),
    prisma.sessionPolicy.findUnique({ where, select: { idleMinutes: true, absoluteHours: true } }),
  ]);
  const defaults = storedDefaults();
  return {
    lockout: lockoutView(lockout ?? defaults.lockout),
    password: (password ?? defaults.password) satisfies PasswordPolicyView,
    session: (session ?? defaults.session) satisfies SessionPolicyView,
    canManage: can(actor.permissions, "security", "manage"),
  };
}
