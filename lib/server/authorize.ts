import "server-only";
import { accessEnded } from "@/lib/policy/offboarding";
import { cache } from "react";
import { can, mergePermissions, type Domain, type Level, type PermissionSet } from "@/lib/permissions";
import { resolveClientIp, parseTrustedProxies } from "@/lib/policy/client-ip";
import { db } from "./db";
import { env } from "./env";
import { AppError } from "./errors";
import { countryOf } from "./geo";
import { checkAddress } from "./network/check-address";
import { readSessionId, requestClientHeaders } from "./session";
import { bindRequestOrganization } from "./tenant-context";
import { organizationOf } from "./tenant-lookup";

export interface Actor {
  sessionId: string;
  accountId: string;
  organizationId: string;
  organizationName: string;
  loginId: string;
  displayName: string;
  permissions: PermissionSet;
  ip: string | null;
}

const TOUCH_EVERY_MS = 60_000;

// Parsed once per process: the setting does not change while it runs, and this is on every request's path.
let trustedProxies: ReturnType<typeof parseTrustedProxies> | undefined;

export async function clientContext() {
  const { socketIp, forwardedFor, userAgent } = await requestClientHeaders();
  const ip = resolveClientIp(socketIp, forwardedFor, (trustedProxies ??= parseTrustedProxies(env().TRUSTED_PROXIES)));
  return { ip, userAgent };
}

/** The caller's address with its country, for sign-in events. */
export async function clientWithCountry() {
  const client = await clientContext();
  return { ...client, country: await countryOf(client.ip) };
}

/** Loads and checks the caller's session once per request: revoked, expired, idle, or a stale session version end it. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const sessionId = await readSessionId();
  if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  // Row-level security (PostgreSQL): from here on, every query of this request is confined to the session's organization.
  const organizationId = await organizationOf("session", sessionId);
  if (!organizationId) return null;
  bindRequestOrganization(organizationId);
  const actor = await loadActor(sessionId);
  if (!actor) bindRequestOrganization(null);
  return actor;
});

async function loadActor(sessionId: string): Promise<Actor | null> {
  const prisma = await db();
  const now = new Date();
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      organizationId: true,
      sessionVersion: true,
      revokedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      account: {
        select: {
          id: true,
          loginId: true,
          displayName: true,
          status: true,
          accessEndsAt: true,
          sessionVersion: true,
          organizationId: true,
          organization: { select: { name: true, sessionPolicy: { select: { idleMinutes: true } } } },
        },
      },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const idleLimit = (session.account.organization.sessionPolicy?.idleMinutes ?? env().SESSION_IDLE_MINUTES) * 60_000;
  if (now.getTime() - session.lastSeenAt.getTime() > idleLimit) return null;
  const account = session.account;
  if (account.status !== "active" || account.sessionVersion !== session.sessionVersion) return null;
  // An offboarding case's effective time ends every session exactly then, before anything has been written.
  if (accessEnded(account.accessEndsAt, now)) return null;
  if (account.organizationId !== session.organizationId) return null;

  const grants = await prisma.roleGrant.findMany({
    where: {
      accountId: account.id,
      organizationId: account.organizationId,
      revokedAt: null,
      startsAt: { lte: now },
      OR: [{ endsAt: null }, { endsAt: { gt: now } }],
    },
    select: { role: { select: { permissions: { select: { domain: true, level: true } } } } },
  });
  const permissions = mergePermissions(
    grants.map((g) => Object.fromEntries(g.role.permissions.map((p) => [p.domain, p.level])) as PermissionSet),
  );
  const { ip } = await clientContext();
  // The allowlist holds for open sessions too: a session from an address no longer allowed is refused.
  const address = await checkAddress(prisma, { organizationId: account.organizationId, ip, isAdmin: Object.keys(permissions).length > 0, now });
  if (!address.allowed) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: session.id,
    accountId: account.id,
    organizationId: account.organizationId,
    organizationName: account.organization.name,
    loginId: account.loginId,
    displayName: account.displayName,
    permissions,
    ip,
  };
}

/** The first line of every operation: a valid session, and the permission when one is named. */
export async function authorize(domain?: Domain, level: Level = "view"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  if (domain && !can(actor.permissions, domain, level)) {
    throw new AppError("forbidden", `This needs the ${domain}:${level} permission.`);
  }
  return actor;
}
