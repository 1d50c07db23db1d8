import "server-only";
import { respondToIncidentSchema, type RespondToIncidentInput } from "@/lib/schemas/incidents";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver, publicUrl, queueMail } from "../mail/mailer";

/**
 * Incident response on one account, in one step: lock until an admin unlocks, end every session, require a new
 * password and a new second factor, and tell the organization's security contacts. Each step's time is kept and the
 * organization's SLA (detection → locked and notified) is judged.
 */
export async function respondToIncident(input: RespondToIncidentInput) {
  const actor = await authorize("security", "manage");
  const parsed = respondToIncidentSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid", issue.message, String(issue.path[0] ?? "reason"));
  }
  const { id, reason } = parsed.data;
  const prisma = await db();
  const { incident, mailIds } = await prisma.$transaction(async (tx) => {
    const openedAt = new Date();
    const detectedAt = parsed.data.detectedAt ?? openedAt;
    if (detectedAt.getTime() > openedAt.getTime() + 60_000) throw new AppError("invalid", "future", "detectedAt");
    const account = await tx.account.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: { id: true, loginId: true, displayName: true, status: true, organization: { select: { incidentSlaMinutes: true } } },
    });
    if (!account) throw new AppError("not_found", "No such account.");
    if (account.id === actor.accountId) throw new AppError("conflict", "You cannot run incident response on your own account.");
    if (account.status === "disabled") throw new AppError("conflict", "This account is disabled already.");

    await tx.account.update({ where: { id: account.id }, data: { status: "locked", lockedUntil: null } });
    const lockedAt = new Date();
    await tx.account.update({ where: { id: account.id }, data: { sessionVersion: { increment: 1 } } });
    await tx.session.updateMany({ where: { accountId: account.id, revokedAt: null }, data: { revokedAt: new Date() } });
    const sessionsEndedAt = new Date();
    await tx.account.update({ where: { id: account.id }, data: { mustChangePassword: true, totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.backupCode.deleteMany({ where: { accountId: account.id } });
    const credentialsResetAt = new Date();

    const contacts = await tx.account.findMany({
      where: {
        organizationId: actor.organizationId,
        status: "active",
        id: { not: account.id },
        grants: { some: { revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: openedAt } }], role: { permissions: { some: { domain: "security", level: "manage" } } } } },
      },
      select: { email: true },
    });
    const mailIds = await Promise.all(
      contacts.map((c) =>
        queueMail(tx, {
          organizationId: actor.organizationId,
          to: c.email,
          subject: `【OCN ビジネスコンソール】インシデント対応: ${account.loginId} をロックしました`,
          body: [
            `${actor.displayName} が ${account.displayName} (${account.loginId}) のインシデント対応を実施しました。`,
            `理由: ${reason}`,
            "",
            "アカウントをロックし (管理者が解除するまで)、すべてのセッションを終了し、パスワードと二段階認証の再設定を必須にしました。",
            `アカウント: ${publicUrl(`/accounts/${account.id}`)}`,
          ].join("\n"),
        }),
      ),
    );
    const notifiedAt = new Date();
    const slaMinutes = account.organization.incidentSlaMinutes;
    const slaMet = notifiedAt.getTime() - detectedAt.getTime() <= slaMinutes * 60_000;
    const incident = await tx.incident.create({
      data: {
        organizationId: actor.organizationId,
        accountId: account.id,
        openedById: actor.accountId,
        reason,
        detectedAt,
        openedAt,
        lockedAt,
        sessionsEndedAt,
        credentialsResetAt,
        notifiedAt,
        slaMinutes,
        slaMet,
        notifiedCount: contacts.length,
      },
      select: { id: true, slaMet: true, slaMinutes: true, notifiedCount: true, detectedAt: true, notifiedAt: true },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "account.incident_response",
      targetType: "account",
      targetId: account.id,
      targetLabel: account.loginId,
      outcome: "success",
      reason,
      ip: actor.ip,
      occurredAt: openedAt,
      details: {
        incidentId: incident.id,
        before: { status: account.status },
        after: { status: "locked", lockedUntil: null, mustChangePassword: true, totpEnrolled: false },
        steps: { detectedAt, openedAt, lockedAt, sessionsEndedAt, credentialsResetAt, notifiedAt },
        sla: { minutes: slaMinutes, met: slaMet },
        notified: contacts.length,
      },
    });
    return { incident, mailIds };
  });
  await deliver(mailIds);
  return incident;
}
