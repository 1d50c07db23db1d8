import "server-only";
import { appendEvidence, severityRank, withinDedupeWindow, type DetectionKind, type Severity } from "@/lib/policy/detections";
import type { Prisma } from "@/lib/generated/prisma/client";
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
 * agree on one alert. Set-based: one statement for the locks, one to find the alerts to grow, one insert for the new
 * ones and one per table for their notices, however many groups a batch of events made.
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
    select: { id: true, kind: true, subjectKey: true, severity: true, lastSeenAt: true, firstSeenAt: true, count: true, evidenceEventIds: true },
  });
  const current = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates) if (!current.has(keyOf(c))) current.set(keyOf(c), c);

  const notices: { alert: AlertNotice; event: "alert.created" | "alert.severity_raised" }[] = [];
  const fresh: { g: HitGroup; severity: Severity; explanation: AlertNotice["explanation"] }[] = [];
  for (const g of [...groups].sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime())) {
    const rule = ctx.rules[g.kind];
    const severity = rule.severity;
    const explanation = { values: g.values, params: rule.params as Record<string, unknown> };
    const existing = current.get(keyOf(g));
    // Only the first group of a subject can grow an existing alert: later groups are beyond the window by construction.
    current.delete(keyOf(g));
    if (existing && withinDedupeWindow(existing.lastSeenAt, g.firstAt, rule.params.dedupeHours)) {
      const raised = severityRank(severity) > severityRank(existing.severity as Severity);
      const updated = await tx.alert.update({
        where: { id: existing.id },
        data: {
          count: existing.count + g.count,
          lastSeenAt: g.lastAt > existing.lastSeenAt ? g.lastAt : existing.lastSeenAt,
          evidenceEventIds: appendEvidence(existing.evidenceEventIds, g.evidence),
          explanation: explanation as Prisma.InputJsonObject,
          ...(g.subjectLabel ? { subjectLabel: g.subjectLabel } : {}),
          ...(raised ? { severity } : {}),
        },
        select: { id: true, count: true, firstSeenAt: true, lastSeenAt: true, subjectLabel: true },
      });
      out.alertIds.push(updated.id);
      if (raised) notices.push({ alert: toNotice(g, severity, explanation, updated), event: "alert.severity_raised" });
      continue;
    }
    fresh.push({ g, severity, explanation });
  }

  if (fresh.length > 0) {
    // An INSERT … VALUES returns its rows in the order given: the n-th row is the n-th group's alert.
    const created = await tx.alert.createManyAndReturn({
      data: fresh.map(({ g, severity, explanation }) => ({
        organizationId,
        kind: g.kind,
        severity,
        subjectType: g.subjectType,
        subjectKey: g.subjectKey,
        subjectLabel: g.subjectLabel,
        firstSeenAt: g.firstAt,
        lastSeenAt: g.lastAt,
        count: g.count,
        evidenceEventIds: g.evidence,
        explanation: explanation as Prisma.InputJsonObject,
      })),
      select: { id: true, count: true, firstSeenAt: true, lastSeenAt: true, subjectLabel: true },
    });
    created.forEach((row, i) => {
      const { g, severity, explanation } = fresh[i]!;
      out.alertIds.push(row.id);
      notices.push({ alert: toNotice(g, severity, explanation, row), event: "alert.created" });
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
