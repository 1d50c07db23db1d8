import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "./env";
import { applyMigrations, pendingMigrations, type SqlRunner } from "./migrations";

// Secret columns never leave the database unless an operation asks for them by name.
const omit = {
  account: { passwordHash: true, totpSecret: true },
  backupCode: { codeHash: true },
  passwordHistory: { passwordHash: true },
} as const;

function createClient(adapter: PrismaPGlite | PrismaPg) {
  return new PrismaClient({ adapter, omit });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface Database {
  kind: "pglite" | "postgres";
  prisma: Db;
  sql: SqlRunner;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {}

function pgliteRunner(pglite: PGlite): SqlRunner {
  return {
    exec: async (sql) => void (await pglite.exec(sql)),
    rows: async <T>(sql: string) => (await pglite.query<T>(sql)).rows,
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function displayPath(p: string): string {
  const relative = path.relative(process.cwd(), p);
  return relative && !relative.startsWith("..") ? relative : p;
}

const processStartedAt = String(Math.round(Date.now() - process.uptime() * 1000));

/**
 * PGlite does not lock its data directory; two processes on one directory silently lose writes.
 * The lock holds "pid started-at", so a lock left by a dead process, or by an earlier process that had
 * the same pid (containers restart as pid 1), is recognised as stale.
 */
function acquireLock(lockFile: string): () => void {
  const mine = `${process.pid} ${processStartedAt}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, mine, { flag: "wx" });
      let held = true;
      const release = () => {
        if (held) {
          held = false;
          fs.rmSync(lockFile, { force: true });
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const [pidText, startedAt] = fs.readFileSync(lockFile, "utf8").trim().split(" ");
      const pid = Number(pidText);
      const stale =
        !Number.isInteger(pid) || pid <= 0 || !processAlive(pid) || (pid === process.pid && startedAt !== processStartedAt);
      if (stale) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      throw new DatabaseOpenError(
        `The embedded database in ${displayPath(lockFile.replace(/\.lock$/, ""))} is already open in process ${pid}. ` +
          `Only one process may open it: stop that process first, or set DATABASE_URL to use PostgreSQL.`,
      );
    }
  }
  throw new DatabaseOpenError(`Could not lock ${lockFile}.`);
}

export async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  let release = () => {};
  if (!inMemory) {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.mkdirSync(dir, { recursive: true });
    release = acquireLock(`${dir}.lock`);
  }
  try {
    // pg_trgm serves the accounts search indexes (migration 20261126030000_account_search).
    const pglite = new PGlite(inMemory ? "memory://" : path.resolve(dataDir), { extensions: { pg_trgm } });
    await pglite.waitReady;
    const sql = pgliteRunner(pglite);
    await applyMigrations(sql);
    const prisma = createClient(new PrismaPGlite(pglite));
    return {
      kind: "pglite",
      prisma,
      sql,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "the configured server";
  }
}

export async function openPostgres(url: string, { migrate = false } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => {});
  const sql: SqlRunner = {
    exec: async (text) => void (await pool.query(text)),
    rows: async <T>(text: string) => (await pool.query(text)).rows as T[],
  };
  try {
    if (migrate) {
      const client = await pool.connect();
      try {
        // One applier at a time across instances.
        await client.query("SELECT pg_advisory_lock(727001)");
        await applyMigrations({
          exec: async (text) => void (await client.query(text)),
          rows: async <T>(text: string) => (await client.query(text)).rows as T[],
        });
      } finally {
        await client.query("SELECT pg_advisory_unlock(727001)").catch(() => {});
        client.release();
      }
    } else {
      const pending = await pendingMigrations(sql);
      if (pending.length > 0) {
        throw new DatabaseOpenError(
          `PostgreSQL at ${describeTarget(url)} lacks ${pending.length} migration(s) (${pending[0]!.name}…): run \`npm run db:migrate\`.`,
        );
      }
    }
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof DatabaseOpenError) throw e;
    const err = e as NodeJS.ErrnoException & { code?: string };
    throw new DatabaseOpenError(`Cannot use PostgreSQL at ${describeTarget(url)}: ${err.code ? `${err.code} ` : ""}${err.message}`);
  }
  const prisma = createClient(new PrismaPg(pool));
  return {
    kind: "postgres",
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

export function openConfigured(options: { migrate?: boolean } = {}): Promise<Database> {
  const { DATABASE_URL, PGLITE_DATA_DIR } = env();
  return DATABASE_URL ? openPostgres(DATABASE_URL, options) : openPglite(PGLITE_DATA_DIR);
}

const state = globalThis as unknown as { __ocnDatabase?: Promise<Database> };

function closeOnSignals(database: Promise<Database>) {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    database
      .then((d) => d.close())
      .catch(() => {})
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

/** The process's database, opened on first use (embedded PGlite unless DATABASE_URL is set). */
export function database(): Promise<Database> {
  if (!state.__ocnDatabase) {
    const opening = openConfigured();
    state.__ocnDatabase = opening;
    opening.catch(() => {
      if (state.__ocnDatabase === opening) state.__ocnDatabase = undefined;
    });
    closeOnSignals(opening);
  }
  return state.__ocnDatabase;
}

export async function db(): Promise<Db> {
  return (await database()).prisma;
}

/** Tests and scripts hand the process a database they opened themselves. */
export function setProcessDatabase(d: Database): void {
  state.__ocnDatabase = Promise.resolve(d);
}
