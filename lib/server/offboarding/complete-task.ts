import "server-only";
import { can } from "@/lib/permissions";
import { TASK_OWNERS, type TaskKind } from "@/lib/policy/offboarding";
import { completeTaskSchema, jstDay, skipTaskSchema, type CompleteTaskInput, type SkipTaskInput } from "@/lib/schemas/offboarding";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { applyLineChange } from "../lines/apply-line-change";
import { applyCase } from "./apply-case";

const DAY = 86_400_000;

/**
 * Who may close a task: HR (offboarding:manage) for any of them except a line decision, and the owning function for
 * its own — lines:manage for SIMs and lines, accounts:manage for the credential wipe and the role review,
 * billing:manage for the statements. A line decision changes the line, so it always needs lines:manage.
 */
export function mayComplete(actor: Pick<Actor, "permissions">, kind: TaskKind): boolean {
  if (kind === "decide_line") return can(actor.permissions, "lines", "manage");
  return can(actor.permissions, "offboarding", "manage") || can(actor.permissions, TASK_OWNERS[kind].domain, "manage");
}

async function loadOpenTask(tx: Tx, actor: Actor, taskId: string) {
  // One closer per case at a time: two people closing the same task (or the last two) wait on the case's row, and the
  // second then reads the task as closed (or sees the case complete).
  await tx.$queryRaw`SELECT c.id FROM offboarding_cases c JOIN offboarding_tasks t ON t.case_id = c.id
    WHERE t.id = ${taskId}::uuid AND t.organization_id = ${actor.organizationId}::uuid FOR UPDATE OF c`;
  const task = await tx.offboardingTask.findFirst({
    where: { id: taskId, organizationId: actor.organizationId },
    select: {
      id: true,
      kind: true,
      status: true,
      lineId: true,
      caseId: true,
      case: { select: { id: true, organizationId: true, status: true, accountId: true, subjectLabel: true, trigger: true, effectiveAt: true } },
      line: { select: { id: true, phoneNumber: true, simType: true, statementsExportedAt: true } },
    },
  });
  if (!task) throw new AppError("not_found", "No such task.");
  if (!mayComplete(actor, task.kind as TaskKind)) throw new AppError("forbidden", `Closing this task needs the ${TASK_OWNERS[task.kind as TaskKind].domain}:manage permission.`);
  if (task.status !== "open") throw new AppError("conflict", "This task is already closed.", undefined, "task_closed");
  if (task.case.status === "cancelled") throw new AppError("conflict", "This case was cancelled.", undefined, "case_cancelled");
  return task;
}

/** When every task is done or skipped, the case is complete. */
async function completeCaseIfDone(tx: Tx, actor: Actor, caseId: string, now: Date): Promise<void> {
  const open = await tx.offboardingTask.count({ where: { caseId, status: "open" } });
  if (open > 0) return;
  const done = await tx.offboardingCase.updateMany({ where: { id: caseId, status: "in_progress" }, data: { status: "completed", completedAt: now } });
  if (done.count === 0) return;
  await recordAudit(tx, { organizationId: actor.organizationId, actorId: actor.accountId, actorLabel: actor.loginId, action: "offboarding.completed", targetType: "offboarding_case", targetId: caseId, outcome: "success", ip: actor.ip, occurredAt: now });
}

/** Closes a task with the evidence its kind asks for; a line decision changes the line in the same transaction. */
export async function completeOffboardingTask(input: CompleteTaskInput): Promise<void> {
  const actor = await authorize();
  const data = completeTaskSchema.parse(input);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const task = await loadOpenTask(tx, actor, data.taskId);
    if (task.case.status === "scheduled") {
      if (task.case.effectiveAt > now) throw new AppError("conflict", "The case is not effective yet: its tasks open at the effective time.", undefined, "case_not_effective");
      // Effective already, the sweeper just has not written it down yet: do it first.
      await applyCase(tx, task.case, now);
    }
    const kind = task.kind as TaskKind;
    const lineActor = { accountId: actor.accountId, label: actor.loginId };
    const update: { trackingNumber?: string; receivedAt?: Date; condition?: string; decision?: string; evidence?: object; note?: string | null } = { note: data.evidence || null };
    switch (kind) {
      case "return_sim": {
        const condition = data.condition ?? "good";
        if (condition !== "lost" && !data.trackingNumber) throw new AppError("invalid", "Enter the tracking number of the returned SIM.", "trackingNumber", "required");
        const day = jstDay.safeParse(data.receivedOn ?? "");
        if (condition !== "lost" && !day.success) throw new AppError("invalid", "Enter the day the SIM was received.", "receivedOn", day.error?.issues[0]?.message === "required" ? "required" : "date_invalid");
        if (day.success && day.data.getTime() > now.getTime()) throw new AppError("invalid", "The received day is in the future.", "receivedOn", "date_future");
        if (condition === "lost" && !data.evidence) throw new AppError("invalid", "Describe what happened to the lost SIM.", "evidence", "required");
        Object.assign(update, { trackingNumber: data.trackingNumber || undefined, receivedAt: day.success ? day.data : undefined, condition });
        if (task.lineId && condition !== "lost") await applyLineChange(tx, { organizationId: actor.organizationId, lineId: task.lineId, change: { kind: "mark_returned" }, actor: lineActor, now, ip: actor.ip });
        break;
      }
      case "delete_esim":
      case "reevaluate_roles":
        if (!data.evidence) throw new AppError("invalid", "Note what was done, for the record.", "evidence", "required");
        break;
      case "wipe_device_credentials":
        if (!data.mailClientWiped || !data.appWiped) throw new AppError("invalid", "Confirm both: the mail client and the OCN mail app.", data.mailClientWiped ? "appWiped" : "mailClientWiped", "confirm_both");
        update.evidence = { mailClientWiped: true, appWiped: true };
        break;
      case "export_statements":
        // Closed only once the line's statement was really downloaded (which records statementsExportedAt), never on a note.
        if (task.line && !task.line.statementsExportedAt) {
          throw new AppError("invalid", "Download the line's statement first (on the line's page); then close this task.", "evidence", "statements_not_exported");
        }
        break;
      case "decide_line": {
        if (!task.lineId) throw new AppError("conflict", "This task has no line.");
        if (!data.decision) throw new AppError("invalid", "Choose what happens to the line.", "decision", "required");
        update.decision = data.decision;
        if (data.decision === "reassign") {
          if (!data.toLoginId) throw new AppError("invalid", "Enter the OCN ID of the new holder.", "toLoginId", "required");
          const to = await tx.account.findFirst({ where: { organizationId: actor.organizationId, loginId: data.toLoginId.toLowerCase() }, select: { id: true } });
          if (!to) throw new AppError("invalid", "No account of this organization has that OCN ID.", "toLoginId", "unknown_holder");
          if (to.id === task.case.accountId) throw new AppError("invalid", "The line cannot go back to the person leaving.", "toLoginId", "same_holder");
          await applyLineChange(tx, { organizationId: actor.organizationId, lineId: task.lineId, change: { kind: "reassign", toAccountId: to.id }, actor: lineActor, now, ip: actor.ip });
        } else if (data.decision === "port_out") {
          let mnpExpiresAt: Date | undefined;
          if (data.mnpExpiresOn !== undefined && data.mnpExpiresOn !== "") {
            const day = jstDay.safeParse(data.mnpExpiresOn);
            if (!day.success) throw new AppError("invalid", "The MNP expiry is not a date.", "mnpExpiresOn", "date_invalid");
            mnpExpiresAt = new Date(day.data.getTime() + DAY - 1); // valid through the end of that day in Japan
          }
          await applyLineChange(tx, { organizationId: actor.organizationId, lineId: task.lineId, change: { kind: "port_out", mnpNumber: data.mnpNumber || undefined, mnpExpiresAt }, actor: lineActor, now, ip: actor.ip });
        } else {
          await applyLineChange(tx, { organizationId: actor.organizationId, lineId: task.lineId, change: { kind: data.decision }, actor: lineActor, now, ip: actor.ip });
        }
        break;
      }
    }
    await tx.offboardingTask.update({
      where: { id: task.id },
      data: { ...update, status: "done", completedById: actor.accountId, completedByLabel: actor.loginId, completedAt: now },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "offboarding.task_completed",
      targetType: "offboarding_case",
      targetId: task.caseId,
      targetLabel: task.case.subjectLabel,
      outcome: "success",
      ip: actor.ip,
      occurredAt: now,
      details: { taskId: task.id, kind, line: task.line?.phoneNumber ?? null, trackingNumber: update.trackingNumber ?? null, condition: update.condition ?? null, decision: update.decision ?? null, note: update.note ?? null },
    });
    await completeCaseIfDone(tx, actor, task.caseId, now);
  });
}

/** Closes a task that does not apply (a SIM already handed in at the desk, a device the person never had), with why. */
export async function skipOffboardingTask(input: SkipTaskInput): Promise<void> {
  const actor = await authorize();
  const data = skipTaskSchema.parse(input);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const task = await loadOpenTask(tx, actor, data.taskId);
    if (task.case.status === "scheduled" && task.case.effectiveAt > now) throw new AppError("conflict", "The case is not effective yet: its tasks open at the effective time.", undefined, "case_not_effective");
    await tx.offboardingTask.update({ where: { id: task.id }, data: { status: "skipped", note: data.note, completedById: actor.accountId, completedByLabel: actor.loginId, completedAt: now } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "offboarding.task_skipped",
      targetType: "offboarding_case",
      targetId: task.caseId,
      targetLabel: task.case.subjectLabel,
      outcome: "success",
      reason: data.note,
      ip: actor.ip,
      occurredAt: now,
      details: { taskId: task.id, kind: task.kind, line: task.line?.phoneNumber ?? null },
    });
    await completeCaseIfDone(tx, actor, task.caseId, now);
  });
}
