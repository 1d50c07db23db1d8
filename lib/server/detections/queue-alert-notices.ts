import "server-only";
import { randomUUID } from "node:crypto";
import { createTranslator } from "use-intl/core";
import en from "@/lib/i18n/messages/en/detections.json";
import ja from "@/lib/i18n/messages/ja/detections.json";
import type { AlertKind, Severity } from "@/lib/policy/detections";
import type { Tx } from "../db";
import { publicUrl } from "../mail/mailer";

export interface AlertNotice {
  id: string;
  kind: AlertKind;
  severity: Severity;
  subjectType: string;
  subjectKey: string;
  subjectLabel: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  count: number;
  explanation: { values: Record<string, string | number>; params: Record<string, unknown> };
}

const translators = {
  ja: createTranslator({ locale: "ja", messages: ja, namespace: "detections" }),
  en: createTranslator({ locale: "en", messages: en, namespace: "detections" }),
};

/** The rule's name and its "why" sentence in one language, as the alerts pages word them. */
export function describeAlert(alert: Pick<AlertNotice, "kind" | "explanation">, locale: "ja" | "en"): { name: string; why: string } {
  const t = translators[locale];
  return { name: t(`rules.${alert.kind}.name`), why: t(`rules.${alert.kind}.why`, alert.explanation.values) };
}

/** Active accounts that may manage security: the people an alert is for. */
export async function securityContacts(tx: Tx, organizationId: string, now: Date): Promise<{ email: string }[]> {
  return tx.account.findMany({
    where: {
      organizationId,
      status: "active",
      grants: { some: { revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }], role: { permissions: { some: { domain: "security", level: "manage" } } } } },
    },
    select: { email: true },
  });
}

/** The JSON a webhook receives for an alert. */
export function webhookPayload(alert: AlertNotice, organization: { id: string; name: string }, event: "alert.created" | "alert.severity_raised" | "test") {
  return {
    type: event,
    organization,
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      subject: { type: alert.subjectType, key: alert.subjectKey, label: alert.subjectLabel },
      firstSeenAt: alert.firstSeenAt.toISOString(),
      lastSeenAt: alert.lastSeenAt.toISOString(),
      count: alert.count,
      explanation: alert.explanation,
      summary: { ja: describeAlert(alert, "ja"), en: describeAlert(alert, "en") },
      url: publicUrl(`/alerts/${alert.id}`),
    },
  };
}

/**
 * In the transaction that creates (or raises) alerts: a mail to each security contact in the outbox and a webhook
 * delivery per alert, both picked up after commit by deliverAlertNotices — written with one insert per table however
 * many alerts a batch of events raised. Returns the delivery row ids.
 */
export async function queueAlertNotices(
  tx: Tx,
  organization: { id: string; name: string; webhookUrl: string | null },
  notices: { alert: AlertNotice; event: "alert.created" | "alert.severity_raised" }[],
  contacts?: { email: string }[],
): Promise<string[]> {
  if (notices.length === 0) return [];
  const people = contacts ?? (await securityContacts(tx, organization.id, new Date()));
  const mails: { alertId: string; to: string; subject: string; body: string }[] = [];
  const webhooks: { alertId: string; payload: unknown }[] = [];
  for (const { alert, event } of notices) {
    const jaText = describeAlert(alert, "ja");
    const enText = describeAlert(alert, "en");
    const subjectLabel = alert.subjectLabel ?? alert.subjectKey;
    for (const c of people) {
      mails.push({
        alertId: alert.id,
        to: c.email,
        subject: `【OCN ビジネスコンソール】アラート (${alert.severity}): ${jaText.name} — ${subjectLabel}`,
        body: [
          `${organization.name} で検知ルール「${jaText.name}」が反応しました。`,
          `対象: ${subjectLabel}`,
          `理由: ${jaText.why}`,
          "",
          `Detection rule "${enText.name}" fired for ${subjectLabel}: ${enText.why}`,
          "",
          publicUrl(`/alerts/${alert.id}`),
        ].join("\n"),
      });
    }
    if (organization.webhookUrl) webhooks.push({ alertId: alert.id, payload: webhookPayload(alert, { id: organization.id, name: organization.name }, event) });
  }
  // The mails get their ids here, so one statement writes them and the deliveries that point at them.
  const mailRows = mails.map((m) => ({ id: randomUUID(), to: m.to, subject: m.subject, body: m.body }));
  const rows = [
    ...mails.map((m, i) => ({ alert_id: m.alertId, channel: "mail", mail_message_id: mailRows[i]!.id, url: null, payload: null })),
    ...webhooks.map((w) => ({ alert_id: w.alertId, channel: "webhook", mail_message_id: null, url: organization.webhookUrl, payload: w.payload })),
  ];
  if (rows.length === 0) return [];
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    WITH mails AS (
      INSERT INTO mail_messages (id, organization_id, "to", subject, body)
      SELECT m.id, ${organization.id}::uuid, m."to", m.subject, m.body
      FROM jsonb_to_recordset(${JSON.stringify(mailRows)}::jsonb) AS m(id uuid, "to" text, subject text, body text)
      RETURNING id
    )
    INSERT INTO alert_deliveries (organization_id, alert_id, channel, mail_message_id, url, payload)
    SELECT ${organization.id}::uuid, r.alert_id, r.channel, r.mail_message_id, r.url, r.payload
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(alert_id uuid, channel text, mail_message_id uuid, url text, payload jsonb)
    WHERE r.mail_message_id IS NULL OR r.mail_message_id IN (SELECT id FROM mails)
    RETURNING id::text AS id`;
  return inserted.map((r) => r.id);
}
