import "server-only";
import type pg from "pg";

// Whether the process can reach its PostgreSQL server. A connection that cannot be made (refused, reset, the server
// shutting down or starting up) marks the database down; from then on scripts/serve.mjs answers every request with a
// clear 503 instead of letting pages fail one by one, and a probe tries a fresh connection every second until one works.
// Shared with scripts/serve.mjs through globalThis (it runs outside the bundle).

const STATE = Symbol.for("ocn.database-availability");

export interface DatabaseAvailability {
  down: boolean;
  /** When the current outage was noticed (epoch ms), or null. */
  since: number | null;
}

function state(): DatabaseAvailability {
  const g = globalThis as unknown as Record<symbol, DatabaseAvailability | undefined>;
  return (g[STATE] ??= { down: false, since: null });
}

export function databaseAvailability(): Readonly<DatabaseAvailability> {
  return state();
}

// Node's socket errors and PostgreSQL's connection-class errors (08…) and shutdown/startup ones (57P01–57P03).
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const SERVER = /^(08\w{3}|57P0[123])$/;
// Not pg-pool's "timeout exceeded when trying to connect": that is a full pool (a busy database), not an absent one.
const MESSAGES = /Connection terminated|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/** True for an error that says the server is out of reach, not that a statement was refused. */
export function isConnectionFailure(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (NETWORK.has(code) || SERVER.test(code))) return true;
  return typeof message === "string" && MESSAGES.test(message);
}

const PROBE_EVERY_MS = 1_000;

/**
 * Watches a pool: a failed connect (or an idle connection dropped by the server) with a connection failure marks the
 * database down and starts the probe; the first fresh connection that answers `SELECT 1` marks it up again.
 */
export function watchAvailability(pool: pg.Pool): void {
  const checkout = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  let probing = false;
  const markUp = () => {
    const s = state();
    if (!s.down) return;
    console.error(`database reachable again after ${Math.round((Date.now() - (s.since ?? Date.now())) / 1000)} s`);
    s.down = false;
    s.since = null;
  };
  const markDown = (e: unknown) => {
    if (!isConnectionFailure(e)) return;
    const s = state();
    if (!s.down) {
      s.down = true;
      s.since = Date.now();
      console.error(`database unreachable (${(e as Error).message}); answering 503 until it is back`);
    }
    if (probing) return;
    probing = true;
    const probe = () => {
      // A pool that was closed (its open failed, or the process is stopping) probes no more: the flag is lifted so the
      // next request opens the database afresh, and that new pool marks it down again if it is still away.
      if ((pool as unknown as { ending?: boolean }).ending) {
        probing = false;
        const s = state();
        s.down = false;
        s.since = null;
        return;
      }
      checkout()
        .then(async (client) => {
          try {
            await client.query("SELECT 1");
            client.release();
          } catch (err) {
            client.release(err as Error);
            throw err;
          }
          markUp();
          probing = false;
        })
        .catch(() => setTimeout(probe, PROBE_EVERY_MS).unref());
    };
    setTimeout(probe, PROBE_EVERY_MS).unref();
  };
  pool.on("error", markDown);
  // pg's own pool.query checks out with a callback; everything else awaits the promise.
  type Done = (err?: Error) => void;
  const connect = (callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: Done) => void) => {
    const checkedOut = checkout().then(
      (client) => {
        // Any connection made (this pool or a newer one the process opened since) means the database is back.
        markUp();
        return client;
      },
      (e: unknown) => {
        markDown(e);
        throw e;
      },
    );
    if (!callback) return checkedOut;
    checkedOut.then(
      (client) => callback(undefined, client, (err) => client.release(err)),
      (err: Error) => callback(err, undefined, () => {}),
    );
    return undefined;
  };
  Object.assign(pool, { connect });
}
