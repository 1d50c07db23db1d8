import "server-only";
import crypto from "node:crypto";
import { updateAlertWebhookSchema, type UpdateAlertWebhookInput } from "@/lib/schemas/detections";
import { recordAudit } from "../audit";
import { authorize, clientContext, type Actor } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { sealWebhookSecret, webhookAllowed } from "./webhook";

export async function auditWebhookChange(tx: Tx, actor: Actor, action: string, details: { before: unknown; after: unknown }) {
  const { userAgent } = await clientContext();
  await recordAudit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.accountId,
    actorLabel: actor.loginId,
    action,
    targetType: "organization",
    targetId: actor.organizationId,
    targetLabel: actor.organizationName,
    outcome: "success",
    ip: actor.ip,
    userAgent,
    details: details as never,
  });
}

/** Sets (or clears, with "") the URL alerts are POSTed to. A first URL gets a signing secret, shown once. */
export async function updateAlertWebhook(input: UpdateAlertWebhookInput): Promise<{ changed: boolean; secret: string | null }> {
  const actor = await authorize("security", "manage");
  const parsed = updateAlertWebhookSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]!.message, "url");
  const url = parsed.data.url === "" ? null : parsed.data.url;
  if (url && !webhookAllowed(url)) throw new AppError("invalid", "webhook_url", "url");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { alertWebhookUrl: true, alertWebhookSecret: true } });
    if (org.alertWebhookUrl === url) return { changed: false, secret: null };
    const secret = url && !org.alertWebhookSecret ? `whsec_${crypto.randomBytes(32).toString("base64url")}` : null;
    await tx.organization.update({
      where: { id: actor.organizationId },
      data: { alertWebhookUrl: url, ...(secret ? { alertWebhookSecret: sealWebhookSecret(actor.organizationId, secret) } : {}) },
    });
    await auditWebhookChange(tx, actor, "detection.webhook_updated", { before: { url: org.alertWebhookUrl }, after: { url, secretIssued: secret !== null } });
    return { changed: true, secret };
  });
}
