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
 * A transaction-scoped advisory lock on (organization, kind, subject) makes concurrent sign-ins agree on one alert.
 */
export async function raiseAlerts(tx: Tx, organizationId: string, groups: HitGroup[], ctx: DetectionContext): Promise<RaisedAlerts> {
  const out: RaisedAlerts = { alertIds: [], deliveryIds: [] };
  // Locks taken in one order, so two batches touching the same subjects cannot deadlock.
  const ordered = [...groups].sort((a, b) => (a.kind + a.subjectKey < b.kind + b.subjectKey ? -1 : a.kind + a.subjectKey > b.kind + b.subjectKey ? 1 : a.firstAt.getTime() - b.firstAt.getTime()));
  for (const g of ordered) {
    const rule = ctx.rules[g.kind];
    const severity = rule.severity;
    const explanation = { values: g.values, params: rule.params as Record<string, unknown> };
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`alert:${organizationId}:${g.kind}:${g.subjectKey}`}, 0))`;
    const windowStart = new Date(g.firstAt.getTime() - rule.params.dedupeHours * 3_600_000);
    const existing = await tx.alert.findFirst({
      where: { organizationId, kind: g.kind, subjectKey: g.subjectKey, status: { in: ["open", "acknowledged"] }, lastSeenAt: { gte: windowStart } },
      orderBy: { lastSeenAt: "desc" },
      select: { id: true, severity: true, lastSeenAt: true, firstSeenAt: true, count: true, evidenceEventIds: true },
    });
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
      if (raised) {
        const notice = toNotice(g, severity, explanation, updated);
        out.deliveryIds.push(...(await queueAlertNotices(tx, { id: organizationId, name: ctx.organizationName, webhookUrl: ctx.webhookUrl }, notice, "alert.severity_raised")));
      }
      continue;
    }
    const created = await tx.alert.create({
      data: {
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
      },
      select: { id: true, count: true, firstSeenAt: true, lastSeenAt: true, subjectLabel: true },
    });
    out.alertIds.push(created.id);
    const notice = toNotice(g, severity, explanation, created);
    out.deliveryIds.push(...(await queueAlertNotices(tx, { id: organizationId, name: ctx.organizationName, webhookUrl: ctx.webhookUrl }, notice, "alert.created")));
  }
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
