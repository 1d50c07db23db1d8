import "server-only";
import { parseIngestionBatch, type IngestionIssue } from "@/lib/schemas/ingestion";
import { kickSignInProcessing } from "../audit/process-sign-ins";
import { touchApiKey, type ApiKeyCaller } from "../api-keys/authenticate-api-key";
import { db } from "../db";
import { countryOf } from "../geo";
import { withOrganization } from "../tenant-context";

const DAY_MS = 24 * 60 * 60 * 1000;

export type IngestResult =
  | { kind: "accepted"; accepted: number; duplicates: number; ids: string[] }
  | { kind: "invalid"; errors: IngestionIssue[] };

/**
 * Takes a batch of sign-in events from another OCN service into the key's organization, whole or not at all.
 * Idempotent by the source's event id: the ids are claimed in ingested_events (ON CONFLICT DO NOTHING) and only the
 * ones this call claimed are written. The caller is answered once the events are stored; rollups and detections run
 * right after the commit (kickSignInProcessing, the same code the console's own sign-ins run in their transaction),
 * and the sweeper picks up whatever a crash left behind.
 */
export async function ingestSignInEvents(
  caller: ApiKeyCaller,
  body: unknown,
  now = new Date(),
  // Test runners process explicitly (drainSignIns): their databases close under a pending run. So does the bench.
  { processAfterCommit = process.env.VITEST === undefined }: { processAfterCommit?: boolean } = {},
): Promise<IngestResult> {
  const parsed = parseIngestionBatch(body, now);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors };
  const { organizationId, apiKeyId } = caller;
  const prisma = await db();
  return withOrganization(organizationId, async () => {
    // The first of two events with one id in a batch counts; the second is a duplicate like a replay.
    const seen = new Set<string>();
    const unique = parsed.events.filter((e) => {
      if (seen.has(e.id)) return false;
      seen.add(e.id);
      return true;
    });
    const countries = await Promise.all(unique.map((e) => (e.country ? e.country : countryOf(e.ip))));
    // In time order, so the hash chain follows the events' own order.
    const rows = unique
      .map((e, n) => ({
        n,
        event_id: e.id,
        occurred_at: e.occurredAt.toISOString(),
        login_id: e.loginId,
        outcome: e.outcome,
        reason: e.reason ?? null,
        ip: e.ip,
        country: countries[n] ?? null,
        user_agent: e.userAgent ?? null,
        source: e.source,
      }))
      .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at) || a.n - b.n);

    const result = await prisma.$transaction(
      async (tx): Promise<IngestResult> => {
        const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { auditRetentionDays: true } });
        const oldest = now.getTime() - org.auditRetentionDays * DAY_MS;
        const tooOld = parsed.events.flatMap((e, index): IngestionIssue[] =>
          e.occurredAt.getTime() < oldest ? [{ index, field: "occurredAt", message: `is older than the organization's audit retention (${org.auditRetentionDays} days)` }] : [],
        );
        if (tooOld.length > 0) return { kind: "invalid", errors: tooOld.slice(0, 100) };
        // One statement: claim the ids in ingested_events (in id order: two batches that share ids then wait on each
        // other in one direction, never in a circle), each claim taking the audit event id it will be written under;
        // then write the claimed events, resolving the OCN ID within the organization. A concurrent batch with the
        // same ids waits for this one and then finds them taken. Rollups and detections follow after commit.
        const [claimed] = await tx.$queryRaw<{ event_ids: string[] | null; audit_ids: string[] | null }[]>`
          WITH input AS (
            SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(n int, event_id text, occurred_at timestamptz,
              login_id text, outcome text, reason text, ip inet, country text, user_agent text, source text)
          ), claimed AS (
            INSERT INTO ingested_events (organization_id, event_id, audit_event_id, api_key_id, received_at)
            SELECT ${organizationId}::uuid, i.event_id, nextval('audit_events_id_seq'), ${apiKeyId}::uuid, ${now}
            FROM (SELECT event_id FROM input ORDER BY event_id) i
            ON CONFLICT DO NOTHING
            RETURNING event_id, audit_event_id
          ), written AS (
            INSERT INTO audit_events (id, organization_id, occurred_at, actor_id, actor_label, action, target_type, target_id, target_label,
              outcome, reason, ip, country, user_agent, details)
            SELECT c.audit_event_id, ${organizationId}::uuid, i.occurred_at, a.id, i.login_id, 'auth.sign_in', 'account', a.id::text, i.login_id,
              i.outcome::"AuditOutcome", i.reason, i.ip, i.country, i.user_agent,
              jsonb_build_object('source', i.source, 'eventId', i.event_id, 'apiKeyId', ${apiKeyId}::text)
            FROM claimed c
            JOIN input i ON i.event_id = c.event_id
            LEFT JOIN accounts a ON a.organization_id = ${organizationId}::uuid AND a.login_id = i.login_id
            ORDER BY i.occurred_at, i.n
            RETURNING id
          )
          SELECT array_agg(event_id) AS event_ids, array_agg(audit_event_id::text) AS audit_ids FROM claimed`;
        await touchApiKey(tx, caller, now);
        const auditIds = claimed?.audit_ids ?? [];
        const idOf = new Map((claimed?.event_ids ?? []).map((id, i) => [id, auditIds[i]!]));
        const ids = unique.flatMap((e) => idOf.get(e.id) ?? []);
        return { kind: "accepted", accepted: ids.length, duplicates: parsed.events.length - ids.length, ids };
      },
      { timeout: 120_000, maxWait: 20_000 },
    );
    if (result.kind === "accepted" && result.accepted > 0 && processAfterCommit) void kickSignInProcessing(organizationId);
    return result;
  });
}
