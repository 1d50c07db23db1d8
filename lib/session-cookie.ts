// The session cookie's name, shared by proxy.ts (which may not import server code) and lib/server/session.ts.
// Over HTTPS it carries the __Host- prefix: Secure, path /, no Domain, so no other host can set or read it.
export const SESSION_COOKIE = "ocn.session-token";
export const SECURE_SESSION_COOKIE = "__Host-ocn.session-token";

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}
