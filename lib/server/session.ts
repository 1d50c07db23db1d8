import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cookies, headers } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { authSecret } from "./auth-secret";
import { env } from "./env";
import { runInRequestScope } from "./tenant-context";

import { sessionCookieName } from "@/lib/session-cookie";

// Sessions are next-auth JWTs that carry only the id of a row in `sessions`; the row decides validity.

type SessionClaims = { sid: string; sub: string };

const testScope = new AsyncLocalStorage<{ sessionId: string | null; ip: string | null }>();

/** Runs fn as if its requests carried this session (integration tests call operations directly). */
export function runWithSession<T>(sessionId: string | null, fn: () => Promise<T>, ip: string | null = "127.0.0.1"): Promise<T> {
  return runInRequestScope(() => testScope.run({ sessionId, ip }, fn));
}

export async function readSessionId(): Promise<string | null> {
  const scoped = testScope.getStore();
  if (scoped) return scoped.sessionId;
  const token = (await cookies()).get(sessionCookieName(secureCookie()))?.value;
  if (!token) return null;
  try {
    const claims = (await decode({ token, secret: authSecret() })) as Partial<SessionClaims> | null;
    return typeof claims?.sid === "string" ? claims.sid : null;
  } catch {
    return null;
  }
}

/** The address the one entry server (scripts/serve.mjs) saw on the socket; see lib/policy/client-ip.ts. */
export async function requestClientHeaders(): Promise<{ socketIp: string | null; forwardedFor: string | null; userAgent: string | null }> {
  const scoped = testScope.getStore();
  if (scoped) return { socketIp: scoped.ip, forwardedFor: null, userAgent: "integration-test" };
  const h = await headers();
  return {
    socketIp: h.get("x-ocn-socket-ip"),
    forwardedFor: h.get("x-forwarded-for"),
    userAgent: h.get("user-agent"),
  };
}

function secureCookie(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/** The cookie lives exactly as long as the session row (the organization's absolute limit), not longer. */
export async function setSessionCookie(claims: SessionClaims, expiresAt: Date): Promise<void> {
  const maxAge = Math.max(60, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  const token = await encode({ token: claims, secret: authSecret(), maxAge });
  (await cookies()).set(sessionCookieName(secureCookie()), token, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookie(), maxAge });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(sessionCookieName(secureCookie()));
}
