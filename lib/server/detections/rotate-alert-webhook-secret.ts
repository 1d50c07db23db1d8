import "server-only";
import crypto from "node:crypto";
import { authorize } from "../authorize";
import { db } from "../db";
import { auditWebhookChange } from "./update-alert-webhook";
import { sealWebhookSecret } from "./webhook";

/** A new signing secret, shown once; the old one stops verifying at once. */
export async function rotateAlertWebhookSecret(): Promise<{ secret: string }> {
  const actor = await authorize("security", "manage");
  const secret = `whsec_${crypto.randomBytes(32).toString("base64url")}`;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { alertWebhookSecret: true } });
    await tx.organization.update({ where: { id: actor.organizationId }, data: { alertWebhookSecret: sealWebhookSecret(actor.organizationId, secret) } });
    await auditWebhookChange(tx, actor, "detection.webhook_secret_rotated", { before: { hadSecret: org.alertWebhookSecret !== null }, after: { hadSecret: true } });
    return { secret };
  });
}
