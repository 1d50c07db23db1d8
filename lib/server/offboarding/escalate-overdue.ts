import "server-only";
import { TASK_OWNERS, type TaskKind } from "@/lib/policy/offboarding";
import { recordAudit } from "../audit";
import { db } from "../db";
import { securityContacts } from "../detections/queue-alert-notices";
import { deliver, publicUrl, queueMail } from "../mail/mailer";
import { withOrganization } from "../tenant-context";
import { forEachOrganization } from "../tenant-lookup";

const KIND_JA: Record<TaskKind, string> = {
  wipe_device_credentials: "端末の認証情報の消去",
  return_sim: "SIM カードの返却",
  delete_esim: "eSIM プロファイルの削除",
  decide_line: "回線の扱いの決定",
  export_statements: "明細の書き出し",
  reevaluate_roles: "異動先での権限の見直し",
};

/**
 * Overdue tasks escalate once: a mail to the active holders of the task's owning permission (lines:manage for SIMs
 * and lines, …) and to the organization's security contacts, and the task is marked escalated (audited).
 */
export function escalateOverdueTasks(organizationId: string, now = new Date()): Promise<number> {
  return withOrganization(organizationId, () => escalateIn(organizationId, now));
}

async function escalateIn(organizationId: string, now: Date): Promise<number> {
  const prisma = await db();
  const overdue = await prisma.offboardingTask.findMany({
    where: { organizationId, status: "open", escalatedAt: null, dueAt: { lt: now }, case: { status: { in: ["scheduled", "in_progress"] }, effectiveAt: { lte: now } } },
    select: { id: true, kind: true, dueAt: true, caseId: true, case: { select: { subjectLabel: true } }, line: { select: { phoneNumber: true } } },
    take: 200,
  });
  if (overdue.length === 0) return 0;
  const mailIds = await prisma.$transaction(async (tx) => {
    const ids: string[] = [];
    const security = await securityContacts(tx, organizationId, now);
    // The active holders of each owning permission, read once per permission however many tasks are overdue.
    const owners = new Map<string, { email: string }[]>();
    const ownersOf = async (domain: (typeof TASK_OWNERS)[TaskKind]["domain"]) => {
      let found = owners.get(domain);
      if (!found) {
        found = await tx.account.findMany({
          where: {
            organizationId,
            status: "active",
            grants: { some: { revokedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }], role: { permissions: { some: { domain, level: "manage" } } } } },
          },
          select: { email: true },
        });
        owners.set(domain, found);
      }
      return found;
    };
    for (const task of overdue) {
      const claimed = await tx.offboardingTask.updateMany({ where: { id: task.id, escalatedAt: null }, data: { escalatedAt: now } });
      if (claimed.count === 0) continue;
      const kind = task.kind as TaskKind;
      const holders = await ownersOf(TASK_OWNERS[kind].domain);
      const to = [...new Set([...holders, ...security].map((a) => a.email))];
      const what = `${KIND_JA[kind]}${task.line ? ` (${task.line.phoneNumber})` : ""}`;
      const due = task.dueAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" });
      for (const address of to) {
        ids.push(
          await queueMail(tx, {
            organizationId,
            to: address,
            subject: `【OCN ビジネスコンソール】退職・異動のタスクが期限切れです: ${what}`,
            body: [
              `${task.case.subjectLabel ?? ""} の「${what}」が期限 (${due}) を過ぎています。`,
              "",
              `An offboarding task is overdue: ${kind}${task.line ? ` (${task.line.phoneNumber})` : ""} for ${task.case.subjectLabel ?? ""}, due ${task.dueAt.toISOString()}.`,
              "",
              publicUrl(`/offboarding/${task.caseId}`),
            ].join("\n"),
          }),
        );
      }
      await recordAudit(tx, {
        organizationId,
        actorLabel: "system (offboarding)",
        action: "offboarding.task_escalated",
        targetType: "offboarding_case",
        targetId: task.caseId,
        targetLabel: task.case.subjectLabel,
        outcome: "success",
        occurredAt: now,
        details: { taskId: task.id, kind, dueAt: task.dueAt.toISOString(), notified: to.length },
      });
    }
    return ids;
  });
  await deliver(mailIds);
  return overdue.length;
}

export async function sweepOverdueOffboardingTasks(now = new Date()): Promise<void> {
  await forEachOrganization(async (organizationId) => {
    await escalateOverdueTasks(organizationId, now);
  });
}
