// Starts the console: Next.js (the production build, or --dev) behind a plain HTTP server that passes on the socket's address.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";

// Each request runs in a scope of its own that currentActor() fills with the session's organization; the database
// (lib/server/db.ts) confines every query of the request to it. Shared through globalThis with lib/server/tenant-context.ts.
const TENANT_SCOPE = Symbol.for("ocn.tenant-scope");
const tenantScope = (globalThis[TENANT_SCOPE] ??= new AsyncLocalStorage());

// Set by lib/server/db-availability.ts when the database cannot be reached, cleared when its probe gets through.
const AVAILABILITY = Symbol.for("ocn.database-availability");
const UNAVAILABLE_JA = "データベースに接続できないため、コンソールを一時的に利用できません。自動で再接続します。しばらくしてから再読み込みしてください。";
const UNAVAILABLE_EN = "The console cannot reach its database right now. It reconnects by itself; reload in a moment.";
const UNAVAILABLE_PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>一時的に利用できません / Temporarily unavailable</title>
<style>body{font-family:system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#fafafa;color:#171717}
main{max-width:34rem;padding:2rem;border:1px solid #e5e5e5;border-radius:.75rem;background:#fff}h1{font-size:1.25rem}p{line-height:1.7}</style></head>
<body><main role="alert"><h1>一時的に利用できません</h1><p>${UNAVAILABLE_JA}</p><h1 lang="en">Temporarily unavailable</h1><p lang="en">${UNAVAILABLE_EN}</p>
<p style="color:#737373;font-size:.875rem">このページは 10 秒ごとに再読み込みします。 / This page reloads every 10 seconds.</p></main></body></html>`;

/** While the database is out of reach: 503 with Retry-After, JSON for the API and health checks, a page for people. */
function answerUnavailable(req, res) {
  const since = globalThis[AVAILABILITY]?.since ?? Date.now();
  const headers = { "retry-after": "10", "cache-control": "no-store" };
  if (req.url?.startsWith("/api/") || (req.headers.accept ?? "").includes("application/json")) {
    res.writeHead(503, { ...headers, "content-type": "application/json; charset=utf-8" });
    const body = req.url?.startsWith("/api/health")
      ? { status: "unavailable", database: "unreachable", since: new Date(since).toISOString() }
      : { type: "error", code: "unavailable", key: "database_unavailable", message: UNAVAILABLE_EN };
    res.end(JSON.stringify(body));
    return;
  }
  res.writeHead(503, { ...headers, "content-type": "text/html; charset=utf-8" });
  res.end(req.method === "HEAD" ? undefined : UNAVAILABLE_PAGE);
}

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  // The only trustworthy address is the socket's; lib/policy/client-ip.ts decides whether X-Forwarded-For counts.
  req.headers["x-ocn-socket-ip"] = req.socket.remoteAddress ?? "";
  // Static files need no database; everything else gets the clear answer while it is out of reach.
  if (globalThis[AVAILABILITY]?.down && !req.url?.startsWith("/_next/static/")) return answerUnavailable(req, res);
  tenantScope.run({ organizationId: null, system: false }, () => handle(req, res));
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, async () => {
  const local = ["0.0.0.0", "127.0.0.1", "::"].includes(hostname);
  const url = `http://${local ? "localhost" : hostname}:${port}`;
  // Opening the database on the first request would make the first person wait; open it now.
  const health = await fetch(`http://${local ? "127.0.0.1" : hostname}:${port}/api/health`).then((r) => r.json()).catch(() => null);
  if (health?.status !== "ok") console.error("warning: the database is not reachable; see the messages above.");
  console.log(`OCN Business Console ready on ${url}`);
});
