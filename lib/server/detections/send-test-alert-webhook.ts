import "server-only";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { webhookPayload } from "./queue-alert-notices";
import { openWebhookSecret, postWebhook } from "./webhook";

/** POSTs a sample alert to the webhook now, signed as real ones are, and answers what the receiver said. */
export async function sendTestAlertWebhook(): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const actor = await authorize("security", "manage");
  const prisma = await db();
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { name: true, alertWebhookUrl: true, alertWebhookSecret: true } });
  if (!org.alertWebhookUrl) throw new AppError("invalid", "webhook_missing", "url");
  if (!org.alertWebhookSecret) throw new AppError("invalid", "webhook_no_secret", "url");
  const now = new Date();
  const payload = webhookPayload(
    {
      id: "00000000-0000-0000-0000-000000000000",
      kind: "repeated_failures",
      severity: "medium",
      subjectType: "account",
      subjectKey: actor.accountId,
      subjectLabel: actor.loginId,
      firstSeenAt: now,
      lastSeenAt: now,
      count: 1,
      explanation: { values: { count: 5, minutes: 10, threshold: 5, lockoutThreshold: 10 }, params: { failures: 5, windowMinutes: 10, dedupeHours: 24 } },
    },
    { id: actor.organizationId, name: org.name },
    "test",
  );
  const result = await postWebhook(org.alertWebhookUrl, openWebhookSecret(actor.organizationId, org.alertWebhookSecret), payload, now);
  const { userAgent } = await clientContext();
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "detection.webhook_tested",
      targetType: "organization",
      targetId: actor.organizationId,
      targetLabel: org.name,
      outcome: result.ok ? "success" : "failure",
      reason: result.error,
      ip: actor.ip,
      userAgent,
      details: { url: org.alertWebhookUrl, status: result.status },
    }),
  );
  return result;
}
