// In front of every request: security headers with a per-request CSP nonce, same-origin checks for anything
// that changes state, and a cheap gate (no session cookie → sign-in). Real checks happen in each operation.
import { NextResponse, type NextRequest } from "next/server";
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

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const byApiKey = pathname.startsWith(API_KEY_PATHS);
  if (byApiKey && !bearer(request)) {
    return NextResponse.json({ code: "unauthenticated", message: "Send the organization's API key as `Authorization: Bearer <key>`." }, { status: 401 });
  }
  if (!byApiKey && crossSite(request)) {
    return NextResponse.json({ error: "cross_site_request", message: "Requests that change data must come from the console's own pages." }, { status: 403 });
  }
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
    response = NextResponse.json({ error: "unauthenticated" }, { status: 401 });
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
