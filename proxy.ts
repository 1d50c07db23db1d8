// In front of every request: security headers with a per-request CSP nonce, same-origin checks for anything
// that changes state, and a cheap gate (no session cookie → sign-in). Real checks happen in each operation.
import { NextResponse, type NextRequest } from "next/server";
import { readableActionForm, readableActionText } from "@/lib/policy/action-request";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/session-cookie";

const PUBLIC = ["/sign-in", "/api/health"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Radix and recharts position elements with style attributes, which nonces do not cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** A state-changing request must come from our own pages: same Origin as the Host it was sent to ("null" never is). */
function crossSite(request: NextRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * /api/v1/ is for other OCN services, not browsers: each request carries an organization's API key
 * (Authorization: Bearer) and the routes there read no cookies, so the same-origin check has nothing to protect.
 */
const API_KEY_PATHS = "/api/v1/";
const bearer = (request: NextRequest) => /^Bearer\s/i.test(request.headers.get("authorization") ?? "");

/** Whether every %-escape of the path decodes: Next answers a 500 when it cannot decode a dynamic segment ("/accounts/%E0"). */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** A server-action post (a page POST) that React could not decode, which Next would answer with a 500. */
async function malformedActionPost(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return false;
  const nextAction = request.headers.has("next-action");
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return nextAction && !readableActionText(await request.clone().text());
  }
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  return !form || !readableActionForm(form, nextAction);
}

const badRequest = (message: string) => NextResponse.json({ error: "bad_request", message }, { status: 400 });

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!decodablePath(pathname)) return badRequest("The address has a malformed %-escape: it names no page.");
  // PostgreSQL cannot store or compare a NUL character: an address holding one (%00) is refused before any query.
  if (/%00/.test(pathname + search)) return badRequest("The address holds a NUL character (%00), which no page or filter accepts.");
  const byApiKey = pathname.startsWith(API_KEY_PATHS);
  if (byApiKey && !bearer(request)) {
    return NextResponse.json({ code: "unauthenticated", message: "Send the organization's API key as `Authorization: Bearer <key>`." }, { status: 401 });
  }
  if (!byApiKey && crossSite(request)) {
    return NextResponse.json({ error: "cross_site_request", message: "Requests that change data must come from the console's own pages." }, { status: 403 });
  }
  if (await malformedActionPost(request)) return badRequest("The form could not be read: send it again from the console's page.");
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);

  const isPublic = PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = request.cookies.has(SESSION_COOKIE) || request.cookies.has(SECURE_SESSION_COOKIE);
  let response: NextResponse;
  if (isPublic || hasSession || byApiKey) {
    response = NextResponse.next({ request: { headers } });
  } else if (pathname.startsWith("/api/")) {
    response = NextResponse.json({ error: "unauthenticated", message: "Sign in to the console first: this needs a session." }, { status: 401 });
  } else {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  }
  response.headers.set("content-security-policy", csp);
  if (process.env.NEXTAUTH_URL?.startsWith("https://")) {
    response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
