// Every integration test file gets a database of its own: in-memory PGlite, or, when TEST_DATABASE_URL is set,
// a fresh database created on that PostgreSQL server and dropped afterwards. On PostgreSQL the operations under
// test run as an application role of that database's own (row-level security applies), while factories and
// assertions use the owner's connection (`t.prisma`).
import crypto from "node:crypto";
import pg from "pg";
import { ensureAppRole } from "@/lib/server/app-role";
import { openPglite, openPostgres, setProcessDatabase, type Database } from "@/lib/server/db";

export interface TestDatabase extends Database {
  /** PostgreSQL only: the application role's URL of this test database, for a child process to connect with. */
  appUrl?: string;
  /** What the operations under test use (db()): the application's role on PostgreSQL, the same database on PGlite. */
  app: Database;
  drop(): Promise<void>;
}

let owner: Database | undefined;

/** The owner's client of this file's test database, for test helpers that look behind the operations' backs. */
export function ownerPrisma(): Database["prisma"] {
  if (!owner) throw new Error("openTestDatabase() first");
  return owner.prisma;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const d = await openPglite("memory://");
    owner = d;
    setProcessDatabase(d);
    return { ...d, app: d, drop: () => d.close() };
  }
  const name = `ocn_test_${crypto.randomBytes(6).toString("hex")}`;
  // Roles belong to the whole server: one per test database, so parallel files never share or race on one.
  const role = `${name}_app`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const d = await openPostgres(url.toString(), { migrate: true });
  await ensureAppRole(d.sql, role);
  const appUrl = new URL(url);
  appUrl.username = role;
  appUrl.password = "";
  const app = await openPostgres(appUrl.toString());
  if (!app.rowLevelSecurity) throw new Error(`${role} is not subject to row-level security`);
  owner = d;
  setProcessDatabase(app);
  return {
    ...d,
    app,
    appUrl: appUrl.toString(),
    async drop() {
      await app.close();
      await d.close();
      await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await onServer(serverUrl, `DROP ROLE IF EXISTS ${role}`);
    },
  };
}
