import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { watchAvailability } from "./db-availability";
import { env } from "./env";
import { applyMigrations, pendingMigrations, type SqlRunner } from "./migrations";
import { currentTenantScope } from "./tenant-context";

// Secret columns never leave the database unless an operation asks for them by name.
const omit = {
  account: { passwordHash: true, totpSecret: true },
  backupCode: { codeHash: true },
  passwordHistory: { passwordHash: true },
} as const;

// Under a burst every connection of the pool may be busy for a while: a transaction waits for one (up to 15 s, as a
// new connection does) instead of failing after Prisma's default two seconds, which answered a busy moment with a 500.
const transactionOptions = { maxWait: 15_000, timeout: 20_000 };

function createClient(adapter: PrismaPGlite | PrismaPg) {
  return new PrismaClient({ adapter, omit, transactionOptions });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface Database {
  kind: "pglite" | "postgres";
  /** True when the connected role is subject to row-level security (PostgreSQL, neither superuser nor BYPASSRLS). */
  rowLevelSecurity: boolean;
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
      rowLevelSecurity: false,
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the current scope (lib/server/tenant-context.ts) sets for a transaction, or null when it sets nothing. */
function scopeSettings(): string | null {
  const scope = currentTenantScope();
  const settings: string[] = [];
  if (scope?.organizationId) {
    if (!UUID.test(scope.organizationId)) throw new Error("the tenant scope holds something other than an organization id");
    settings.push(`SET LOCAL ocn.organization_id = '${scope.organizationId}'`);
  }
  if (scope?.system) settings.push("SET LOCAL ocn.scope = 'system'");
  return settings.length > 0 ? settings.join("; ") : null;
}

const BEGIN_SETTINGS = Symbol("ocn.begin-settings");
type ScopedClient = pg.PoolClient & { [BEGIN_SETTINGS]?: string | null };
type QueryArgs = [config: string | pg.QueryConfig, values?: unknown[]];

/**
 * Row-level security needs the organization set for every transaction, and only for that transaction
 * (SET LOCAL), so a pooled connection never carries one request's organization into another's:
 * - a Prisma transaction checks out a connection and sends BEGIN: the settings ride along in that same
 *   round trip (`BEGIN; SET LOCAL …`);
 * - a statement outside a transaction is wrapped in `BEGIN; SET LOCAL …` … COMMIT (two more round trips);
 * - with nothing to set (no organization known yet) the statement runs as it is, and the policies show it no rows.
 */
function confinePoolToTenantScope(pool: pg.Pool): void {
  const checkout = pool.connect.bind(pool) as () => Promise<ScopedClient>;
  const connect = async (): Promise<ScopedClient> => {
    const client = await checkout();
    if (!(BEGIN_SETTINGS in client)) {
      const send = client.query.bind(client) as (...args: QueryArgs) => Promise<pg.QueryResult>;
      client.query = ((config: QueryArgs[0], values?: unknown[]) => {
        const settings = client[BEGIN_SETTINGS];
        const text = typeof config === "string" ? config : config.text;
        if (!settings || text !== "BEGIN") return send(config, values);
        client[BEGIN_SETTINGS] = null;
        const begin = `BEGIN; ${settings}`;
        return send(typeof config === "string" ? begin : { ...config, text: begin }, values);
      }) as typeof client.query;
    }
    client[BEGIN_SETTINGS] = null;
    return client;
  };
  const query = async (config: QueryArgs[0], values?: unknown[]): Promise<pg.QueryResult> => {
    const settings = scopeSettings();
    const client = await connect();
    const onError = () => {};
    client.on("error", onError);
    let failure: Error | undefined;
    try {
      if (!settings) return await client.query(config, values);
      try {
        await client.query(`BEGIN; ${settings}`);
        const result = await client.query(config, values);
        await client.query("COMMIT");
        return result;
      } catch (e) {
        // Never hand back a connection inside a transaction (or an aborted one).
        await client.query("ROLLBACK").catch((rollbackFailure: Error) => (failure = rollbackFailure));
        throw e;
      }
    } catch (e) {
      // A statement the server refused leaves the connection usable; anything else (a broken socket) retires it.
      if (!(e instanceof pg.DatabaseError)) failure ??= e as Error;
      throw e;
    } finally {
      client.removeListener("error", onError);
      client.release(failure);
    }
  };
  Object.assign(pool, {
    connect: async () => {
      const settings = scopeSettings();
      const client = await connect();
      client[BEGIN_SETTINGS] = settings;
      return client;
    },
    query,
  });
}

/**
 * Prisma batches findUnique calls made in the same tick into one query and sends every batch of that tick from the
 * async context of whichever call came first: a call of organization B could run with A's settings. Outside a
 * transaction each call therefore goes out on its own, in its caller's scope; inside one, the connection already
 * carries the transaction's settings, so batching stays.
 */
function keepCallsInTheirScope(prisma: Db): void {
  type Loader = { options?: { batchBy?: (request: unknown) => string | undefined } };
  const options = (prisma as unknown as { _requestHandler?: { dataloader?: Loader } })._requestHandler?.dataloader?.options;
  const batchBy = options?.batchBy;
  if (!options || !batchBy) throw new Error("Prisma's request batching has changed: review keepCallsInTheirScope in lib/server/db.ts");
  options.batchBy = (request) => {
    const key = batchBy(request);
    return key?.startsWith("transaction-") ? key : undefined;
  };
}

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "the configured server";
  }
}

export async function openPostgres(url: string, { migrate = false, readOnly = false } = {}): Promise<Database> {
  if (migrate && readOnly) throw new Error("a read-only connection cannot migrate");
  const target = readOnly ? "the read replica" : "PostgreSQL";
  // A burst of sign-ins on one organization queues on its audit chain; waiting a while for a connection is better
  // than refusing a person who typed the right password.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 15_000,
    // No JIT: the console's statements are short, but under row-level security the planner's estimates for a
    // partitioned log run high, and compiling a plan took seconds longer than running it (the audit explorer's page).
    options: readOnly ? "-c jit=off -c default_transaction_read_only=on" : "-c jit=off",
  });
  pool.on("error", () => {});
  // The primary's reachability decides whether the console answers at all (scripts/serve.mjs); a replica's does not.
  if (!readOnly) watchAvailability(pool);
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
        const remedy = readOnly
          ? "it has not caught up with the primary yet, or DATABASE_REPLICA_URL names another database"
          : "run `npm run db:migrate`";
        throw new DatabaseOpenError(
          `${readOnly ? "The read replica" : "PostgreSQL"} at ${describeTarget(url)} lacks ${pending.length} migration(s) (${pending[0]!.name}…): ${remedy}.`,
        );
      }
    }
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof DatabaseOpenError) throw e;
    const err = e as NodeJS.ErrnoException & { code?: string };
    const hint = migrate && err.code === "42501" ? " (migrations run as the tables' owner: set MIGRATION_DATABASE_URL)" : "";
    throw new DatabaseOpenError(`Cannot use ${target} at ${describeTarget(url)}: ${err.code ? `${err.code} ` : ""}${err.message}${hint}`);
  }
  let rowLevelSecurity: boolean;
  try {
    const { rows } = await pool.query<{ subject: boolean }>(
      "SELECT NOT (rolsuper OR rolbypassrls) AS subject FROM pg_roles WHERE rolname = current_user",
    );
    rowLevelSecurity = rows[0]?.subject ?? true;
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(`Cannot use ${target} at ${describeTarget(url)}: ${(e as Error).message}`);
  }
  // A superuser or BYPASSRLS role skips the policies anyway: it gets the plain pool, without the extra round trips.
  if (rowLevelSecurity) confinePoolToTenantScope(pool);
  const prisma = createClient(new PrismaPg(pool));
  if (rowLevelSecurity) keepCallsInTheirScope(prisma);
  return {
    kind: "postgres",
    rowLevelSecurity,
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/** The configured database; migrating (and seeding) connects as the tables' owner when MIGRATION_DATABASE_URL is set. */
export function openConfigured(options: { migrate?: boolean } = {}): Promise<Database> {
  const { DATABASE_URL, MIGRATION_DATABASE_URL, PGLITE_DATA_DIR } = env();
  if (!DATABASE_URL) return openPglite(PGLITE_DATA_DIR);
  return openPostgres(options.migrate ? (MIGRATION_DATABASE_URL ?? DATABASE_URL) : DATABASE_URL, options);
}

/**
 * A read replica of the primary (DATABASE_REPLICA_URL): the same roles, policies and tenant scoping, every transaction
 * read-only so that nothing is ever written through it, and never migrated (it replays the primary's schema).
 */
export function openReplica(url: string): Promise<Database> {
  return openPostgres(url, { readOnly: true });
}

const state = globalThis as unknown as {
  __ocnDatabase?: Promise<Database>;
  /** Resolves to null when the process has no replica. */
  __ocnReplica?: Promise<Database | null>;
  __ocnClosesOnSignals?: boolean;
};

/** Closes the process's database and its replica, whichever are open, when the process is told to stop. */
function closeOnSignals() {
  if (state.__ocnClosesOnSignals) return;
  state.__ocnClosesOnSignals = true;
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const open = [state.__ocnDatabase, state.__ocnReplica];
    Promise.allSettled(open.map(async (d) => (await d)?.close())).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
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
    closeOnSignals();
  }
  return state.__ocnDatabase;
}

export async function db(): Promise<Db> {
  return (await database()).prisma;
}

const REPLICA_RETRY_MS = 60_000;

/**
 * The process's read replica, opened on first use; null when DATABASE_REPLICA_URL is not set. A replica that cannot
 * be opened (unreachable, behind on migrations) is logged and left alone for a minute: the primary serves meanwhile.
 */
function replicaDatabase(): Promise<Database | null> {
  if (!state.__ocnReplica) {
    const url = env().DATABASE_REPLICA_URL;
    const opening = url
      ? openReplica(url).catch((e: unknown) => {
          console.error(`read replica unavailable, reading the primary for a minute: ${(e as Error).message}`);
          setTimeout(() => {
            if (state.__ocnReplica === opening) state.__ocnReplica = undefined;
          }, REPLICA_RETRY_MS).unref();
          return null;
        })
      : Promise.resolve(null);
    state.__ocnReplica = opening;
    closeOnSignals();
  }
  return state.__ocnReplica;
}

/** The replica, else the primary: only for reads that may lag (dashboards, weekly-audit figures, export rows), never for writes, authorization or what was just changed. */
export async function replicaDb(): Promise<Db> {
  return (await replicaDatabase())?.prisma ?? db();
}

/** Tests and scripts hand the process a database they opened themselves; it has no replica unless one is handed in too. */
export function setProcessDatabase(d: Database): void {
  state.__ocnDatabase = Promise.resolve(d);
  state.__ocnReplica = Promise.resolve(null);
}

/** Tests hand the process a replica they opened themselves (openReplica), or take it away (null). */
export function setProcessReplica(d: Database | null): void {
  state.__ocnReplica = Promise.resolve(d);
}
