import "server-only";
import { recordAudit } from "../audit";
import {
  COMPLIANCE_OWNERS,
  disposalDueAt,
  incidentDueAt,
  isoWeekMonday,
  recurringTasksAt,
  type ComplianceKind,
  type ScheduledTask,
} from "@/lib/policy/compliance";
import { addDays } from "@/lib/policy/security-dashboard";
import { db, type Tx } from "../db";
import { forEachOrganization } from "../tenant-lookup";

// Stored titles are the record's own words (Japanese, as the audit checklist is kept); the calendar words each task
// from its kind and period in the reader's language.
function recurringTitle(task: ScheduledTask): string {
  if (task.kind === "ip_allowlist_monthly")
    return `IPアクセス制限の許可リストの見直し (${task.periodKey})`;
  if (task.kind === "permission_reconciliation_monthly")
    return `人事データとの権限の照合 (${task.periodKey})`;
  const monday = isoWeekMonday(task.periodKey)!;
  return `週次ログ監査 (${task.periodKey}: ${monday} 〜 ${addDays(monday, 6)})`;
}

const row = (
  organizationId: string,
  kind: ComplianceKind,
  fields: {
    title: string;
    dueAt: Date;
    periodKey?: string | null;
    relatedType: string | null;
    relatedId: string | null;
  },
) => ({
  organizationId,
  kind,
  ownerDomain: COMPLIANCE_OWNERS[kind].domain,
  periodKey: fields.periodKey ?? null,
  title: fields.title,
  dueAt: fields.dueAt,
  relatedType: fields.relatedType,
  relatedId: fields.relatedId,
});

/**
 * Makes the calendar current for one organization, idempotently: this period's recurring tasks and a task for each
 * device disposal and incident that has none (INSERT … ON CONFLICT DO NOTHING on the unique indexes, so two runs at
 * once make each task once), then closes the tasks whose source says they are done. Set-based: a handful of
 * statements whatever the number of tasks.
 */
export async function ensureComplianceTasks(
  organizationId: string,
  now = new Date(),
): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({
      where: { id: organizationId },
      select: { createdAt: true },
    });
    if (!org) return;
    const recurring = recurringTasksAt(now, org.createdAt).map((t) =>
      row(organizationId, t.kind, { ...t, title: recurringTitle(t) }),
    );

    const disposals = await tx.$queryRaw<
      {
        id: string;
        subject: string | null;
        effectiveAt: Date;
        lastDueAt: Date | null;
      }[]
    >`
      SELECT c.id::text AS id, c.subject_label AS subject, c.effective_at AS "effectiveAt",
             max(t.due_at) AS "lastDueAt"
      FROM offboarding_cases c LEFT JOIN offboarding_tasks t ON t.case_id = c.id
      WHERE c.organization_id = ${organizationId}::uuid AND c.trigger = 'device_disposal'
        AND NOT EXISTS (SELECT 1 FROM compliance_tasks ct WHERE ct.organization_id = c.organization_id AND ct.kind = 'device_disposal' AND ct.related_id = c.id::text)
      GROUP BY c.id`;
    const incidents = await tx.$queryRaw<
      { id: string; loginId: string; detectedAt: Date; slaMinutes: number }[]
    >`
      SELECT i.id::text AS id, a.login_id AS "loginId", i.detected_at AS "detectedAt", i.sla_minutes AS "slaMinutes"
      FROM incidents i JOIN accounts a ON a.id = i.account_id
      WHERE i.organization_id = ${organizationId}::uuid
        AND NOT EXISTS (SELECT 1 FROM compliance_tasks ct WHERE ct.organization_id = i.organization_id AND ct.kind = 'incident_response' AND ct.related_id = i.id::text)`;

    await tx.complianceTask.createMany({
      data: [
        ...recurring,
        ...disposals.map((d) =>
          row(organizationId, "device_disposal", {
            title: `端末・SIMの廃棄: ${d.subject ?? d.id}`,
            dueAt: disposalDueAt(
              d.lastDueAt ? [d.lastDueAt] : [],
              d.effectiveAt,
            ),
            relatedType: "offboarding_case",
            relatedId: d.id,
          }),
        ),
        ...incidents.map((i) =>
          row(organizationId, "incident_response", {
            title: `インシデント対応 (ロックと通知): ${i.loginId}`,
            dueAt: incidentDueAt(i.detectedAt, i.slaMinutes),
            relatedType: "incident",
            relatedId: i.id,
          }),
        ),
      ],
      skipDuplicates: true,
    });
    await closeFromSources(tx, organizationId);
  });
}

/**
 * Tasks whose source is done are done: a week's log audit once that week is signed off (who signed, when, the week's
 * page), a device disposal once its case is complete (skipped when the case was cancelled), an incident once the
 * account was locked and the contacts notified (the times and whether the SLA was met).
 */
async function closeFromSources(tx: Tx, organizationId: string): Promise<void> {
  const closed: Closed[] = [];
  closed.push(
    ...(await tx.$queryRaw<Closed[]>`
    UPDATE compliance_tasks ct
    SET status = 'done', completed_at = w.signed_at, completed_by_id = w.signed_by_id, completed_by_label = w.signed_by_label, note = w.note,
        evidence = jsonb_build_object('kind', 'weekly_sign_off', 'week', to_char(w.week_start, 'YYYY-MM-DD'),
          'href', '/audit/weekly/' || to_char(w.week_start, 'YYYY-MM-DD'), 'signedBy', w.signed_by_label, 'signedAt', w.signed_at)
    FROM weekly_log_reviews w
    WHERE ct.organization_id = ${organizationId}::uuid AND ct.kind = 'log_audit_weekly' AND ct.status = 'open'
      AND w.organization_id = ct.organization_id AND to_char(w.week_start, 'YYYY-MM-DD') = ct.related_id
    RETURNING ct.id::text AS id, ct.kind::text AS kind, ct.status::text AS status, ct.related_id AS "relatedId", ct.title`),
  );
  closed.push(
    ...(await tx.$queryRaw<Closed[]>`
    UPDATE compliance_tasks ct
    SET status = CASE WHEN c.status = 'completed' THEN 'done'::"TaskStatus" ELSE 'skipped'::"TaskStatus" END,
        completed_at = COALESCE(c.completed_at, c.cancelled_at, now()),
        completed_by_id = CASE WHEN c.status = 'completed' THEN last_task.completed_by_id ELSE c.cancelled_by_id END,
        completed_by_label = CASE WHEN c.status = 'completed' THEN last_task.completed_by_label END,
        evidence = jsonb_build_object('kind', 'disposal_case', 'caseStatus', c.status::text, 'href', '/offboarding/' || c.id::text,
          'subject', c.subject_label, 'closedAt', COALESCE(c.completed_at, c.cancelled_at))
    FROM offboarding_cases c
    LEFT JOIN LATERAL (
      SELECT t.completed_by_id, t.completed_by_label FROM offboarding_tasks t
      WHERE t.case_id = c.id AND t.completed_at IS NOT NULL ORDER BY t.completed_at DESC LIMIT 1
    ) last_task ON true
    WHERE ct.organization_id = ${organizationId}::uuid AND ct.kind = 'device_disposal' AND ct.status = 'open'
      AND c.organization_id = ct.organization_id AND c.id::text = ct.related_id AND c.status IN ('completed', 'cancelled')
    RETURNING ct.id::text AS id, ct.kind::text AS kind, ct.status::text AS status, ct.related_id AS "relatedId", ct.title`),
  );
  closed.push(
    ...(await tx.$queryRaw<Closed[]>`
    UPDATE compliance_tasks ct
    SET status = 'done', completed_at = i.notified_at, completed_by_id = i.opened_by_id,
        completed_by_label = CASE WHEN a.id IS NULL THEN NULL ELSE a.display_name || ' (' || a.login_id || ')' END,
        evidence = jsonb_build_object('kind', 'incident', 'href', '/accounts/' || i.account_id::text, 'detectedAt', i.detected_at,
          'lockedAt', i.locked_at, 'notifiedAt', i.notified_at, 'slaMinutes', i.sla_minutes, 'slaMet', i.sla_met, 'notified', i.notified_count)
    FROM incidents i LEFT JOIN accounts a ON a.id = i.opened_by_id
    WHERE ct.organization_id = ${organizationId}::uuid AND ct.kind = 'incident_response' AND ct.status = 'open'
      AND i.organization_id = ct.organization_id AND i.id::text = ct.related_id AND i.locked_at IS NOT NULL AND i.notified_at IS NOT NULL
    RETURNING ct.id::text AS id, ct.kind::text AS kind, ct.status::text AS status, ct.related_id AS "relatedId", ct.title`),
  );
  // Closed by their source, yet a change of the calendar like any other: audited, in the same transaction.
  for (const c of closed) {
    await recordAudit(tx, {
      organizationId,
      actorLabel: "system (compliance, from source)",
      action:
        c.status === "skipped"
          ? "compliance.task_skipped"
          : "compliance.task_completed",
      targetType: "compliance_task",
      targetId: c.id,
      targetLabel: c.title,
      outcome: "success",
      details: {
        kind: c.kind,
        relatedId: c.relatedId,
        fromSource: true,
        before: { status: "open" },
        after: { status: c.status },
      },
    });
  }
}

interface Closed {
  id: string;
  kind: string;
  status: string;
  relatedId: string | null;
  title: string;
}

/** The sweeper's step: every organization's calendar, each confined to its organization. */
export async function sweepComplianceTasks(now = new Date()): Promise<void> {
  await forEachOrganization(async (organizationId) => {
    // One organization that fails (and is retried next time) does not hold up the others.
    await ensureComplianceTasks(organizationId, now).catch((e) =>
      console.error(
        `compliance tasks of organization ${organizationId} could not be brought up to date`,
        e,
      ),
    );
  });
}
