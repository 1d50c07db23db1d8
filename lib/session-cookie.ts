// The session cookie's name, shared by proxy.ts (which may not import server code) and lib/server/session.ts.
export const SESSION_COOKIE = "ocn.session-token";
