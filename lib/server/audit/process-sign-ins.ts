import "server-only";
import { db, type Tx } from "../db";
import { runSignInDetections } from "../detections/run-sign-in-detections";
import { loadOrgCalendar } from "../org/org-calendar";
import { withOrganization } from "../tenant-context";
import { forEachOrganization } from "../tenant-lookup";
import { bumpSignInRollups } from "./rollups";
import type { RecordedSignIn } from "./sign-in-events";

/** At most this many events are counted and judged in one step; a backlog takes several steps, each committed. */
export const PROCESS_STEP = 5_000;

export interface ProcessStep {
  /** Sign-in events counted and judged by this step. */
  processed: number;
  /** More were pending than one step takes. */
  more: boolean;
}

/**
 * Counts and judges the organization's sign-in events the cursor has not passed yet (rollups, then detections), in
 * the caller's transaction, and moves the cursor past them. The cursor row's lock makes this one-at-a-time per
 * organization, so each event is counted once: a second caller waits, then reads the moved cursor. Events are read
 * in chain order (= commit order) and judged in time order. `locked`: the cursor, when the caller already holds its row.
 */
export async function processPendingSignIns(tx: Tx, organizationId: string, limit = PROCESS_STEP, locked?: bigint): Promise<ProcessStep> {
  const cursor = locked ?? (await lockCursor(tx, organizationId));
  const pending = await tx.$queryRaw<(RecordedSignIn & { seq: bigint })[]>`
    SELECT id, chain_seq AS seq, occurred_at AS "occurredAt", outcome::text AS outcome, reason, actor_id::text AS "actorId",
           actor_label AS "actorLabel", host(ip) AS ip, NULLIF(btrim(country), '') AS country, user_agent AS "userAgent"
    FROM audit_events
    WHERE organization_id = ${organizationId}::uuid AND chain_seq > ${cursor} AND action = 'auth.sign_in'
    ORDER BY chain_seq
    LIMIT ${limit}::int`;
  if (pending.length === 0) return { processed: 0, more: false };
  // In time order for the rollups and the rules (the extra seq field is ignored by both).
  const events: RecordedSignIn[] = [...pending].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const calendar = await loadOrgCalendar(tx, organizationId);
  await bumpSignInRollups(tx, organizationId, events, calendar);
  await runSignInDetections(tx, organizationId, events, calendar);
  await tx.$executeRaw`UPDATE sign_in_cursors SET processed_seq = ${pending.at(-1)!.seq}, updated_at = now() WHERE organization_id = ${organizationId}::uuid`;
  return { processed: pending.length, more: pending.length === limit };
}

/** Everything pending, step by step in the caller's transaction (the console's own sign-in: its alert exists at commit). */
export async function processAllPendingSignIns(tx: Tx, organizationId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const step = await processPendingSignIns(tx, organizationId);
    total += step.processed;
    if (!step.more) return total;
  }
}

/** How many pending events the console's own sign-in counts and judges in its transaction at most. */
export const SIGN_IN_INLINE_LIMIT = 25;

/**
 * For the console's own sign-in: when nobody is processing the organization's events at this moment, everything
 * pending (its own event and a small backlog before it) is counted and judged in the caller's transaction, so the
 * alert exists when the attempt commits. When another transaction holds the cursor (an ingestion batch being judged,
 * another sign-in) or more than SIGN_IN_INLINE_LIMIT events wait, nothing waits here: the answer is false and the
 * caller hands the rest to the processor after its commit (kickSignInProcessing), which judges it well within a
 * second. A sign-in never queues behind the organization's whole backlog, holding the audit chain meanwhile.
 */
export async function processPendingSignInsIfIdle(tx: Tx, organizationId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ seq: bigint }[]>`
    SELECT processed_seq AS seq FROM sign_in_cursors WHERE organization_id = ${organizationId}::uuid FOR UPDATE SKIP LOCKED`;
  if (!row) {
    const [exists] = await tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one FROM sign_in_cursors WHERE organization_id = ${organizationId}::uuid`;
    if (exists) return false;
  }
  // The cursor row is locked by now when it exists; a missing one is created and locked by processPendingSignIns.
  const step = await processPendingSignIns(tx, organizationId, SIGN_IN_INLINE_LIMIT, row?.seq);
  return !step.more;
}

async function lockCursor(tx: Tx, organizationId: string): Promise<bigint> {
  const lock = () => tx.$queryRaw<{ seq: bigint }[]>`
    SELECT processed_seq AS seq FROM sign_in_cursors WHERE organization_id = ${organizationId}::uuid FOR UPDATE`;
  let [row] = await lock();
  if (!row) {
    // An organization created after the cursor table: all its events are still to be processed.
    await tx.$executeRaw`INSERT INTO sign_in_cursors (organization_id) VALUES (${organizationId}::uuid) ON CONFLICT DO NOTHING`;
    [row] = await lock();
  }
  return row!.seq;
}

/** Whether the organization has sign-in events the cursor has not passed (committed ones, as this transaction sees). */
async function hasPending(organizationId: string): Promise<boolean> {
  const prisma = await db();
  const [row] = await withOrganization(organizationId, () =>
    prisma.$queryRaw<{ pending: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM audit_events e
        WHERE e.organization_id = ${organizationId}::uuid AND e.action = 'auth.sign_in'
          AND e.chain_seq > COALESCE((SELECT processed_seq FROM sign_in_cursors WHERE organization_id = ${organizationId}::uuid), 0)
      ) AS pending`,
  );
  return row?.pending ?? false;
}

/** Processes the organization's backlog in steps of their own transactions until none is left; returns the count. */
export async function drainSignIns(organizationId: string): Promise<number> {
  const prisma = await db();
  let total = 0;
  for (;;) {
    const step = await withOrganization(organizationId, () =>
      prisma.$transaction((tx) => processPendingSignIns(tx, organizationId), { timeout: 120_000, maxWait: 20_000 }),
    );
    total += step.processed;
    if (!step.more) return total;
  }
}

/**
 * How long a kick waits before it processes: batches that land meanwhile are counted and judged together, which costs
 * less per event than one run per batch and leaves the database to the writers in between. An alert still exists
 * well within a second of its event.
 */
export const PROCESS_DELAY_MS = 200;

// One run per organization at a time in this process; a kick during a run asks for one more pass after it.
interface Run {
  done: Promise<void>;
  again: boolean;
}
const KEY = Symbol.for("ocn.sign-in-processing");
const holder = globalThis as unknown as Record<symbol, Map<string, Run> | undefined>;
const runs: Map<string, Run> = (holder[KEY] ??= new Map<string, Run>());
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Right after a transaction that wrote sign-in events without processing them (an ingestion batch) has committed:
 * count and judge them shortly, outside the caller's request, so the caller is answered at the speed of the insert.
 * Whatever a crash leaves behind, the sweeper processes. The promise settles when this organization's backlog is
 * gone (the bench and the sweeper wait on it; the API does not).
 */
export function kickSignInProcessing(organizationId: string, delayMs = PROCESS_DELAY_MS): Promise<void> {
  const running = runs.get(organizationId);
  if (running) {
    running.again = true;
    return running.done;
  }
  const run: Run = { done: Promise.resolve(), again: true };
  run.done = (async () => {
    try {
      while (run.again) {
        if (delayMs > 0) await pause(delayMs);
        run.again = false;
        await drainSignIns(organizationId);
      }
    } catch (e) {
      console.error("sign-in processing failed (the sweeper retries)", e);
    } finally {
      runs.delete(organizationId);
    }
  })();
  runs.set(organizationId, run);
  return run.done;
}

/** The sweeper's pass: every organization with sign-in events still to process (a kick that never ran, a crash). */
export async function sweepPendingSignIns(): Promise<void> {
  await forEachOrganization(async (id) => {
    if (!runs.has(id) && (await hasPending(id))) await kickSignInProcessing(id, 0);
  });
}

/**
 * For a bulk load that built its own rollups and alerts (the demo seed): every sign-in event of the organization
 * stored so far counts as processed.
 */
export async function markSignInsProcessed(tx: Tx, organizationId: string): Promise<void> {
  await lockCursor(tx, organizationId);
  await tx.$executeRaw`
    UPDATE sign_in_cursors SET updated_at = now(),
      processed_seq = GREATEST(processed_seq, COALESCE((SELECT max(chain_seq) FROM audit_events WHERE organization_id = ${organizationId}::uuid), 0))
    WHERE organization_id = ${organizationId}::uuid`;
}
