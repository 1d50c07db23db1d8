import "server-only";
import { randomUUID } from "node:crypto";
import { EVIDENCE_CAP, severityRank, withinDedupeWindow, type DetectionKind, type Severity } from "@/lib/policy/detections";
import type { Tx } from "../db";
import type { HitGroup } from "./alert-groups";
import type { DetectionContext } from "./load-detection-context";
import { queueAlertNotices, type AlertNotice } from "./queue-alert-notices";

export interface RaisedAlerts {
  alertIds: string[];
  /** Alert notices queued (mail and webhook rows), for delivery after commit. */
  deliveryIds: string[];
}

/**
 * Writes each group as an alert: an open or acknowledged alert of the same kind and subject last seen within the
 * rule's dedupe window grows (count, last seen, evidence); otherwise a new alert is created and its notices queued.
 * Transaction-scoped advisory locks on (organization, kind, subject), taken in one order, make concurrent sign-ins
 * agree on one alert. Set-based: one statement for the locks, one to find the alerts to grow, one update for those,
 * one insert for the new ones and one per table for their notices, however many groups a batch of events made.
 */
export async function raiseAlerts(tx: Tx, organizationId: string, groups: HitGroup[], ctx: DetectionContext): Promise<RaisedAlerts> {
  const out: RaisedAlerts = { alertIds: [], deliveryIds: [] };
  if (groups.length === 0) return out;
  const keyOf = (g: { kind: string; subjectKey: string }) => `${g.kind}\u0000${g.subjectKey}`;
  const lockKeys = [...new Set(groups.map((g) => `alert:${organizationId}:${g.kind}:${g.subjectKey}`))].sort();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${lockKeys}::text[]) WITH ORDINALITY AS l(k, n) ORDER BY n`;

  // The newest open or acknowledged alert of each (kind, subject), if recent enough to grow.
  const oldest = Math.min(...groups.map((g) => g.firstAt.getTime() - ctx.rules[g.kind].params.dedupeHours * 3_600_000));
  const candidates = await tx.alert.findMany({
    where: {
      organizationId,
      kind: { in: [...new Set(groups.map((g) => g.kind))] },
      subjectKey: { in: [...new Set(groups.map((g) => g.subjectKey))] },
      status: { in: ["open", "acknowledged"] },
      lastSeenAt: { gte: new Date(oldest) },
    },
    orderBy: { lastSeenAt: "desc" },
    // Not the evidence: the UPDATE appends to it in the database (up to 100 ids per alert, hundreds of alerts a batch
    // at night when every sign-in is off hours: too much to read and send back).
    select: { id: true, kind: true, subjectKey: true, severity: true, lastSeenAt: true, firstSeenAt: true, count: true },
  });
  const current = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates) if (!current.has(keyOf(c))) current.set(keyOf(c), c);

  const notices: { alert: AlertNotice; event: "alert.created" | "alert.severity_raised" }[] = [];
  const fresh: { g: HitGroup; severity: Severity; explanation: AlertNotice["explanation"] }[] = [];
  const grown: { g: HitGroup; severity: Severity; raised: boolean; explanation: AlertNotice["explanation"]; existing: (typeof candidates)[number] }[] = [];
  for (const g of [...groups].sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime())) {
    const rule = ctx.rules[g.kind];
    const severity = rule.severity;
    const explanation = { values: g.values, params: rule.params as Record<string, unknown> };
    const existing = current.get(keyOf(g));
    // Only the first group of a subject can grow an existing alert: later groups are beyond the window by construction.
    current.delete(keyOf(g));
    if (existing && withinDedupeWindow(existing.lastSeenAt, g.firstAt, rule.params.dedupeHours)) {
      grown.push({ g, severity, raised: severityRank(severity) > severityRank(existing.severity as Severity), explanation, existing });
    } else {
      fresh.push({ g, severity, explanation });
    }
  }

  if (grown.length > 0) {
    // One UPDATE for every alert that grows (count, last seen, evidence, the newest explanation, a higher severity).
    const updates = grown.map(({ g, severity, raised, explanation, existing }) => ({
      id: existing.id,
      count: existing.count + g.count,
      last_seen_at: (g.lastAt > existing.lastSeenAt ? g.lastAt : existing.lastSeenAt).toISOString(),
      evidence: g.evidence.map(String),
      explanation,
      subject_label: g.subjectLabel,
      severity: raised ? severity : null,
    }));
    const rows = await tx.$queryRaw<{ id: string; count: number; firstSeenAt: Date; lastSeenAt: Date; subjectLabel: string | null }[]>`
      UPDATE alerts a SET count = u.count, last_seen_at = u.last_seen_at, explanation = u.explanation,
        -- appendEvidence's rule: each id once at its first place, the newest EVIDENCE_CAP kept, oldest first.
        evidence_event_ids = ARRAY(
          SELECT k.x FROM (
            SELECT d.x, d.ord FROM (
              SELECT t.x, min(t.ord) AS ord FROM unnest(a.evidence_event_ids || u.evidence::bigint[]) WITH ORDINALITY AS t(x, ord) GROUP BY t.x
            ) d ORDER BY d.ord DESC LIMIT ${EVIDENCE_CAP}::int
          ) k ORDER BY k.ord),
        subject_label = COALESCE(u.subject_label, a.subject_label), severity = COALESCE(u.severity::"AlertSeverity", a.severity), updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
        AS u(id uuid, count int, last_seen_at timestamptz, evidence text[], explanation jsonb, subject_label text, severity text)
      WHERE a.id = u.id AND a.organization_id = ${organizationId}::uuid
      RETURNING a.id::text AS id, a.count, a.first_seen_at AS "firstSeenAt", a.last_seen_at AS "lastSeenAt", a.subject_label AS "subjectLabel"`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { g, severity, raised, explanation, existing } of grown) {
      const updated = byId.get(existing.id)!;
      out.alertIds.push(updated.id);
      if (raised) notices.push({ alert: toNotice(g, severity, explanation, updated), event: "alert.severity_raised" });
    }
  }

  if (fresh.length > 0) {
    // The new alerts get their ids here: one INSERT, and no need to match returned rows back to groups.
    const rows = fresh.map(({ g, severity, explanation }) => ({
      id: randomUUID(),
      kind: g.kind,
      severity,
      subject_type: g.subjectType,
      subject_key: g.subjectKey,
      subject_label: g.subjectLabel,
      first_seen_at: g.firstAt.toISOString(),
      last_seen_at: g.lastAt.toISOString(),
      count: g.count,
      evidence: g.evidence.map(String),
      explanation,
    }));
    await tx.$executeRaw`
      INSERT INTO alerts (id, organization_id, kind, severity, subject_type, subject_key, subject_label, first_seen_at, last_seen_at, count,
        evidence_event_ids, explanation)
      SELECT r.id, ${organizationId}::uuid, r.kind, r.severity::"AlertSeverity", r.subject_type, r.subject_key, r.subject_label, r.first_seen_at,
        r.last_seen_at, r.count, r.evidence::bigint[], r.explanation
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, kind text, severity text, subject_type text, subject_key text,
        subject_label text, first_seen_at timestamptz, last_seen_at timestamptz, count int, evidence text[], explanation jsonb)`;
    fresh.forEach(({ g, severity, explanation }, i) => {
      const { id, count } = rows[i]!;
      out.alertIds.push(id);
      notices.push({ alert: toNotice(g, severity, explanation, { id, count, firstSeenAt: g.firstAt, lastSeenAt: g.lastAt, subjectLabel: g.subjectLabel }), event: "alert.created" });
    });
  }
  out.deliveryIds.push(...(await queueAlertNotices(tx, { id: organizationId, name: ctx.organizationName, webhookUrl: ctx.webhookUrl }, notices)));
  return out;
}

function toNotice(
  g: HitGroup,
  severity: Severity,
  explanation: AlertNotice["explanation"],
  row: { id: string; count: number; firstSeenAt: Date; lastSeenAt: Date; subjectLabel: string | null },
): AlertNotice {
  return {
    id: row.id,
    kind: g.kind as DetectionKind,
    severity,
    subjectType: g.subjectType,
    subjectKey: g.subjectKey,
    subjectLabel: row.subjectLabel,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    count: row.count,
    explanation,
  };
}
