// Every integration test file gets a database of its own: in-memory PGlite, or, when TEST_DATABASE_URL is set,
// a fresh database created on that PostgreSQL server and dropped afterwards.
import crypto from "node:crypto";
import pg from "pg";
import { openPglite, openPostgres, setProcessDatabase, type Database } from "@/lib/server/db";

export interface TestDatabase extends Database {
  drop(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const d = await openPglite("memory://");
    setProcessDatabase(d);
    return { ...d, drop: () => d.close() };
  }
  const name = `ocn_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const d = await openPostgres(url.toString(), { migrate: true });
  setProcessDatabase(d);
  return {
    ...d,
    async drop() {
      await d.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
