import "server-only";
import { parseIngestionBatch, type IngestionEvent, type IngestionIssue } from "@/lib/schemas/ingestion";
import { recordSignInEvents, type SignInEventInput } from "../audit/sign-in-events";
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
 * Idempotent by the source's event id: the ids are claimed in ingested_events first (ON CONFLICT DO NOTHING), and
 * only the ones this call claimed are written, through the same writer as the console's own sign-ins (rollups and
 * detections included). A concurrent batch with the same ids waits for this one and then finds them taken.
 */
export async function ingestSignInEvents(caller: ApiKeyCaller, body: unknown, now = new Date()): Promise<IngestResult> {
  const parsed = parseIngestionBatch(body, now);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors };
  const { organizationId, apiKeyId } = caller;
  const prisma = await db();
  return withOrganization(organizationId, async () => {
    const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { auditRetentionDays: true } });
    const oldest = now.getTime() - org.auditRetentionDays * DAY_MS;
    const tooOld = parsed.events.flatMap((e, index): IngestionIssue[] =>
      e.occurredAt.getTime() < oldest ? [{ index, field: "occurredAt", message: `is older than the organization's audit retention (${org.auditRetentionDays} days)` }] : [],
    );
    if (tooOld.length > 0) return { kind: "invalid", errors: tooOld.slice(0, 100) };

    // The first of two events with one id in a batch counts; the second is a duplicate like a replay.
    const seen = new Set<string>();
    const unique = parsed.events.filter((e) => {
      if (seen.has(e.id)) return false;
      seen.add(e.id);
      return true;
    });
    const loginIds = [...new Set(unique.map((e) => e.loginId))];
    const accounts = await prisma.account.findMany({ where: { organizationId, loginId: { in: loginIds } }, select: { id: true, loginId: true } });
    const accountOf = new Map(accounts.map((a) => [a.loginId, a.id]));
    const countries = await Promise.all(unique.map((e) => (e.country ? e.country : countryOf(e.ip))));

    return prisma.$transaction(
      async (tx) => {
        // In id order: two batches that share ids then wait on each other in one direction, never in a circle.
        const claimed = await tx.$queryRaw<{ event_id: string }[]>`
          INSERT INTO ingested_events (organization_id, event_id, audit_event_id, api_key_id, received_at)
          SELECT ${organizationId}::uuid, e, 0, ${apiKeyId}::uuid, ${now} FROM unnest(${unique.map((e) => e.id)}::text[]) AS e
          ORDER BY e ON CONFLICT DO NOTHING RETURNING event_id`;
        const mine = new Set(claimed.map((r) => r.event_id));
        const fresh = unique.flatMap((e, i) => (mine.has(e.id) ? [{ e, country: countries[i] ?? null }] : []));
        const recorded = await recordSignInEvents(tx, organizationId, fresh.map(({ e, country }) => toInput(e, accountOf.get(e.loginId) ?? null, country, apiKeyId)));
        if (recorded.length > 0) {
          await tx.$executeRaw`UPDATE ingested_events i SET audit_event_id = x.audit_id::bigint
            FROM unnest(${fresh.map(({ e }) => e.id)}::text[], ${recorded.map((r) => r.id.toString())}::text[]) AS x(event_id, audit_id)
            WHERE i.organization_id = ${organizationId}::uuid AND i.event_id = x.event_id`;
        }
        await touchApiKey(tx, caller, now);
        return { kind: "accepted" as const, accepted: recorded.length, duplicates: parsed.events.length - recorded.length, ids: recorded.map((r) => r.id.toString()) };
      },
      { timeout: 120_000, maxWait: 20_000 },
    );
  });
}

function toInput(e: IngestionEvent, accountId: string | null, country: string | null, apiKeyId: string): SignInEventInput {
  return {
    actorId: accountId,
    actorLabel: e.loginId,
    targetType: "account",
    targetId: accountId,
    targetLabel: e.loginId,
    outcome: e.outcome,
    reason: e.reason ?? null,
    ip: e.ip,
    country,
    userAgent: e.userAgent ?? null,
    occurredAt: e.occurredAt,
    details: { source: e.source, eventId: e.id, apiKeyId },
  };
}
