import "server-only";
import { can } from "@/lib/permissions";
import { DETECTION_KINDS, ruleSettingsOf } from "@/lib/policy/detections";
import { authorize } from "../authorize";
import { db } from "../db";
import { loadOrgCalendar } from "../org/org-calendar";

/** What /security/detections shows: each rule in force, the calendar, allowed countries and the webhook (never its secret). */
export async function getDetectionSettings() {
  const actor = await authorize("security", "view");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const [rows, org, calendar, deliveries] = await Promise.all([
      tx.detectionRule.findMany({ where: { organizationId: actor.organizationId }, select: { kind: true, enabled: true, severity: true, params: true } }),
      tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { allowedCountries: true, alertWebhookUrl: true, alertWebhookSecret: true } }),
      loadOrgCalendar(tx, actor.organizationId),
      tx.$queryRaw<{ channel: string; createdAt: Date; deliveredAt: Date | null; failedAt: Date | null; statusCode: number | null; lastError: string | null; attempts: number }[]>`
        SELECT channel, created_at AS "createdAt", delivered_at AS "deliveredAt", failed_at AS "failedAt", status_code AS "statusCode", last_error AS "lastError", attempts
        FROM alert_deliveries WHERE organization_id = ${actor.organizationId}::uuid AND channel = 'webhook' ORDER BY created_at DESC LIMIT 5`,
    ]);
    const rules = ruleSettingsOf(rows);
    return {
      canManage: can(actor.permissions, "security", "manage"),
      rules: DETECTION_KINDS.map((k) => rules[k]),
      calendar,
      allowedCountries: org.allowedCountries,
      webhook: { url: org.alertWebhookUrl, hasSecret: org.alertWebhookSecret !== null, recent: deliveries },
    };
  });
}
