import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { formatDateTime } from "@/lib/format";
import { appendEvidence, type AlertKind, type Severity } from "@/lib/policy/detections";
import { deviceLabel } from "@/lib/policy/user-agent";
import type { reportSignInSchema } from "@/lib/schemas/me";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { kickAlertDelivery } from "../detections/deliver-alert-notices";
import { queueAlertNotices, type AlertNotice } from "../detections/queue-alert-notices";
import { AppError } from "../errors";

const KIND: AlertKind = "sign_in_reported";
const SEVERITY: Severity = "high";

/**
 * "This wasn't me" on one of the member's own sign-ins: an audit event, and an alert for the security team (one open
 * alert per member: a second report grows it; the same sign-in reported again changes nothing). The security
 * contacts are mailed as for any new alert, and the webhook is called.
 */
export async function reportSignIn(input: z.infer<typeof reportSignInSchema>): Promise<{ alreadyReported: boolean }> {
  const actor = await authorize();
  const prisma = await db();
  const eventId = BigInt(input.eventId);
  const signIn = await prisma.auditEvent.findFirst({
    where: { id: eventId, organizationId: actor.organizationId, actorId: actor.accountId, action: "auth.sign_in" },
    select: { id: true, occurredAt: true, outcome: true, reason: true, ip: true, country: true, userAgent: true },
  });
  if (!signIn) throw new AppError("not_found", "There is no such sign-in of yours.", "eventId", "sign_in_not_found");

  const result = await prisma.$transaction(async (tx) => {
    const now = new Date();
    // The same lock the detections take for this kind and subject: concurrent reports agree on one alert.
    const lockKey = `alert:${actor.organizationId}:${KIND}:${actor.accountId}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
    const earlier = await tx.auditEvent.findFirst({
      where: { organizationId: actor.organizationId, actorId: actor.accountId, action: "auth.sign_in_reported", targetId: String(signIn.id) },
      select: { id: true },
    });
    if (earlier) return { alreadyReported: true, deliveryIds: [] as string[] };

    const existing = await tx.alert.findFirst({
      where: { organizationId: actor.organizationId, kind: KIND, subjectKey: actor.accountId, status: { in: ["open", "acknowledged"] } },
      orderBy: { lastSeenAt: "desc" },
      select: { id: true, count: true, evidenceEventIds: true },
    });
    const alertId = existing?.id ?? randomUUID();
    const reportId = await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "auth.sign_in_reported",
      targetType: "audit_event",
      targetId: String(signIn.id),
      targetLabel: `auth.sign_in ${formatDateTime(signIn.occurredAt)}`,
      outcome: "success",
      ip: actor.ip,
      occurredAt: now,
      details: { alertId, signInAt: signIn.occurredAt.toISOString(), outcome: signIn.outcome, ip: signIn.ip, country: signIn.country },
    });
    const explanation = {
      values: {
        account: actor.loginId,
        time: formatDateTime(signIn.occurredAt),
        outcome: signIn.outcome,
        ip: signIn.ip ?? "—",
        country: signIn.country ?? "—",
        device: deviceLabel(signIn.userAgent) ?? "—",
      },
      params: {},
    };
    const evidence = [signIn.id, reportId];
    if (existing) {
      await tx.alert.update({
        where: { id: existing.id },
        data: { count: existing.count + 1, lastSeenAt: now, evidenceEventIds: appendEvidence(existing.evidenceEventIds, evidence), explanation, subjectLabel: actor.loginId },
      });
      return { alreadyReported: false, deliveryIds: [] as string[] };
    }
    await tx.alert.create({
      data: {
        id: alertId,
        organizationId: actor.organizationId,
        kind: KIND,
        severity: SEVERITY,
        subjectType: "account",
        subjectKey: actor.accountId,
        subjectLabel: actor.loginId,
        firstSeenAt: now,
        lastSeenAt: now,
        count: 1,
        evidenceEventIds: evidence,
        explanation,
      },
    });
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { name: true, alertWebhookUrl: true } });
    const notice: AlertNotice = {
      id: alertId,
      kind: KIND,
      severity: SEVERITY,
      subjectType: "account",
      subjectKey: actor.accountId,
      subjectLabel: actor.loginId,
      firstSeenAt: now,
      lastSeenAt: now,
      count: 1,
      explanation,
    };
    const deliveryIds = await queueAlertNotices(tx, { id: actor.organizationId, name: org.name, webhookUrl: org.alertWebhookUrl }, [{ alert: notice, event: "alert.created" }]);
    return { alreadyReported: false, deliveryIds };
  });
  if (result.deliveryIds.length > 0) kickAlertDelivery(actor.organizationId);
  return { alreadyReported: result.alreadyReported };
}
