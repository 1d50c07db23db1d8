import "server-only";
import { db, type Tx } from "../db";
import type { AuditInput } from "../audit";
import { kickSignInProcessing, processAllPendingSignIns, processPendingSignInsIfIdle } from "./process-sign-ins";

/** A sign-in event as written: what rollups and detections look at. */
export interface RecordedSignIn {
  id: bigint;
  occurredAt: Date;
  outcome: "success" | "failure";
  reason: string | null;
  actorId: string | null;
  actorLabel: string | null;
  ip: string | null;
  country: string | null;
  userAgent: string | null;
}

export type SignInEventInput = Omit<AuditInput, "organizationId" | "action">;

/**
 * The console's own sign-in attempts of an organization: the events, then — in the caller's transaction — the
 * rollups the dashboards read and the detections over them and over anything still pending before them
 * (process-sign-ins.ts), so the alert exists when the attempt commits. The result is in the caller's order.
 * (The ingestion API writes its batches with one statement of its own and leaves them to the processor.)
 */
export async function recordSignInEvents(tx: Tx, organizationId: string, events: SignInEventInput[]): Promise<RecordedSignIn[]> {
  if (events.length === 0) return [];
  const now = new Date();
  // One INSERT for the batch, in time order so the hash chain follows the events' own order. PostgreSQL returns the
  // rows of an INSERT … SELECT … ORDER BY in that order, which maps them back to the caller's order.
  const order = events.map((e, i) => ({ i, at: (e.occurredAt ?? now).getTime() })).sort((a, b) => a.at - b.at || a.i - b.i);
  const rows = order.map(({ i }) => {
    const e = events[i]!;
    return {
      actor_id: e.actorId ?? null,
      actor_label: e.actorLabel ?? null,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      target_label: e.targetLabel ?? null,
      outcome: e.outcome,
      reason: e.reason ?? null,
      ip: e.ip ?? null,
      country: e.country ?? null,
      user_agent: e.userAgent?.slice(0, 512) ?? null,
      details: e.details ?? {},
      occurred_at: (e.occurredAt ?? now).toISOString(),
    };
  });
  // One statement with one parameter: building a 14 × 1,000-parameter INSERT costs more than the insert itself.
  const written = await tx.$queryRaw<{ id: bigint; occurredAt: Date; outcome: "success" | "failure"; reason: string | null; actorId: string | null; actorLabel: string | null; ip: string | null; country: string | null; userAgent: string | null }[]>`
    INSERT INTO audit_events (organization_id, occurred_at, actor_id, actor_label, action, target_type, target_id, target_label, outcome, reason, ip, country, user_agent, details)
    SELECT ${organizationId}::uuid, (j->>'occurred_at')::timestamptz, (j->>'actor_id')::uuid, j->>'actor_label', 'auth.sign_in',
           j->>'target_type', j->>'target_id', j->>'target_label', (j->>'outcome')::"AuditOutcome", j->>'reason',
           (j->>'ip')::inet, j->>'country', j->>'user_agent', j->'details'
    FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS x(j, n)
    ORDER BY x.n
    RETURNING id, occurred_at AS "occurredAt", outcome::text AS outcome, reason, actor_id::text AS "actorId", actor_label AS "actorLabel",
              host(ip) AS ip, country, user_agent AS "userAgent"`;
  const inTimeOrder: RecordedSignIn[] = written.map((r) => ({ ...r, country: r.country?.trim() || null }));
  const recorded: RecordedSignIn[] = new Array(events.length);
  order.forEach(({ i }, k) => (recorded[i] = inTimeOrder[k]!));
  const handOver = handedOver.get(tx);
  if (!handOver) await processAllPendingSignIns(tx, organizationId);
  else if (!(await processPendingSignInsIfIdle(tx, organizationId))) handOver.add(organizationId);
  return recorded;
}

// Transactions of signInTransaction: the organizations whose sign-in events they left to the processor.
const handedOver = new WeakMap<object, Set<string>>();

/**
 * A transaction of the sign-in pipeline. Its sign-in events are judged at commit when the organization's processor is
 * idle; when it is busy they are handed to it right after the commit (processPendingSignInsIfIdle), so a sign-in under
 * load waits for neither a backlog nor another transaction's judging. (Elsewhere recordSignInEvents judges everything
 * pending in the caller's transaction, waiting for the processor if need be.)
 */
export async function signInTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await db();
  const organizations = new Set<string>();
  const result = await prisma.$transaction(
    (tx) => {
      handedOver.set(tx, organizations);
      return fn(tx);
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
  for (const organizationId of organizations) void kickSignInProcessing(organizationId);
  return result;
}
