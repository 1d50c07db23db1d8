import "server-only";
import type { Tx } from "../db";
import { loadOrgCalendar } from "../org/org-calendar";
import { groupHits } from "./alert-groups";
import { findHits } from "./find-hits";
import { loadDetectionContext } from "./load-detection-context";

const CHUNK = 2_000;

/**
 * Runs the organization's rules over all its sign-in events already stored (events bulk-loaded without going through
 * recordSignInEvents, as the demo seed does), in time order, and writes the alerts they would have raised, grouped
 * per kind and subject within each rule's dedupe window. No notices are sent. Alerts last seen before `resolveBefore`
 * are written as resolved (history), the rest open. With `afterSeq`, only events chained after it are judged (the
 * earlier ones are history taken as judged). Meant for an organization with no alerts of its own yet.
 */
export async function backfillDetections(
  tx: Tx,
  organizationId: string,
  options: { resolveBefore?: Date; afterSeq?: bigint } = {},
): Promise<{ alerts: number }> {
  const [ctx, calendar] = await Promise.all([loadDetectionContext(tx, organizationId), loadOrgCalendar(tx, organizationId)]);
  const hits = await findHits(tx, organizationId, { all: true, afterSeq: options.afterSeq }, ctx, calendar);
  const groups = groupHits(hits, (kind) => ctx.rules[kind].params.dedupeHours);
  const rows = groups.map((g) => {
    const resolved = options.resolveBefore !== undefined && g.lastAt < options.resolveBefore;
    return {
      organization_id: organizationId,
      kind: g.kind,
      severity: ctx.rules[g.kind].severity,
      subject_type: g.subjectType,
      subject_key: g.subjectKey,
      subject_label: g.subjectLabel,
      first_seen_at: g.firstAt.toISOString(),
      last_seen_at: g.lastAt.toISOString(),
      count: g.count,
      evidence_event_ids: g.evidence.map(String),
      status: resolved ? "resolved" : "open",
      resolved_at: resolved ? g.lastAt.toISOString() : null,
      explanation: { values: g.values, params: ctx.rules[g.kind].params },
      created_at: g.firstAt.toISOString(),
    };
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.$executeRaw`
      INSERT INTO alerts (organization_id, kind, severity, subject_type, subject_key, subject_label, first_seen_at, last_seen_at, count,
        evidence_event_ids, status, resolved_at, explanation, created_at, updated_at)
      SELECT r.organization_id, r.kind, r.severity::"AlertSeverity", r.subject_type, r.subject_key, r.subject_label, r.first_seen_at, r.last_seen_at,
        r.count, r.evidence_event_ids::bigint[], r.status::"AlertStatus", r.resolved_at, r.explanation, r.created_at, r.last_seen_at
      FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb) AS r(organization_id uuid, kind text, severity text, subject_type text,
        subject_key text, subject_label text, first_seen_at timestamptz, last_seen_at timestamptz, count int, evidence_event_ids text[],
        status text, resolved_at timestamptz, explanation jsonb, created_at timestamptz)`;
  }
  return { alerts: rows.length };
}
