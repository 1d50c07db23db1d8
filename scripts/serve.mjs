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

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  // The only trustworthy address is the socket's; lib/policy/client-ip.ts decides whether X-Forwarded-For counts.
  req.headers["x-ocn-socket-ip"] = req.socket.remoteAddress ?? "";
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
