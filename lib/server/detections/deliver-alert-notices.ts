import "server-only";
import { db } from "../db";
import { deliver } from "../mail/mailer";
import { withOrganization } from "../tenant-context";
import { forEachOrganization } from "../tenant-lookup";
import { openWebhookSecret, postWebhook } from "./webhook";

const BATCH = 50;
const MAX_ATTEMPTS = 5;
/** Seconds before retry n (1-based): 30 s, 2 min, 8 min, 32 min. */
const backoffSeconds = (attempts: number) => 30 * 4 ** Math.max(0, attempts - 1);

interface Claimed {
  id: string;
  channel: "mail" | "webhook";
  mailMessageId: string | null;
  url: string | null;
  payload: unknown;
  attempts: number;
}

/**
 * Delivers the alert notices of the current organization that are due: claims them (SKIP LOCKED, and pushes their
 * next attempt out so a second instance leaves them alone), sends outside any transaction, then records the result.
 */
export async function deliverDueAlertNotices(organizationId: string, now = new Date()): Promise<{ delivered: number; failed: number }> {
  const prisma = await db();
  const lease = new Date(now.getTime() + 5 * 60_000);
  const claimed = await prisma.$queryRaw<Claimed[]>`
    UPDATE alert_deliveries d SET attempts = d.attempts + 1, next_attempt_at = ${lease}
    WHERE d.id IN (
      SELECT id FROM alert_deliveries
      WHERE organization_id = ${organizationId}::uuid AND delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at LIMIT ${BATCH}::int FOR UPDATE SKIP LOCKED)
    RETURNING d.id::text AS id, d.channel, d.mail_message_id::text AS "mailMessageId", d.url, d.payload, d.attempts`;
  if (claimed.length === 0) return { delivered: 0, failed: 0 };
  const mailIds = claimed.filter((c) => c.channel === "mail" && c.mailMessageId).map((c) => c.mailMessageId!);
  await deliver(mailIds);
  const mails = new Map((await prisma.mailMessage.findMany({ where: { id: { in: mailIds } }, select: { id: true, sentAt: true, error: true } })).map((m) => [m.id, m]));
  const org = await prisma.organization.findUnique({ where: { id: organizationId }, select: { alertWebhookSecret: true } });
  let delivered = 0;
  let failed = 0;
  for (const c of claimed) {
    let result: { ok: boolean; status: number | null; error: string | null };
    if (c.channel === "mail") {
      const m = c.mailMessageId ? mails.get(c.mailMessageId) : undefined;
      // Without SMTP the outbox is where mail stays: nothing more to do. A send error is retried.
      result = m?.error && !m.sentAt ? { ok: false, status: null, error: m.error } : { ok: true, status: null, error: null };
    } else {
      let secret: string | null = null;
      try {
        secret = org?.alertWebhookSecret ? openWebhookSecret(organizationId, org.alertWebhookSecret) : null;
      } catch {
        secret = null;
      }
      result = secret && c.url ? await postWebhook(c.url, secret, c.payload) : { ok: false, status: null, error: "no_secret" };
    }
    const done = new Date();
    if (result.ok) {
      delivered++;
      await prisma.$executeRaw`UPDATE alert_deliveries SET delivered_at = ${done}, status_code = ${result.status}, last_error = NULL WHERE id = ${c.id}::uuid`;
    } else {
      const giveUp = c.attempts >= MAX_ATTEMPTS;
      if (giveUp) failed++;
      const next = new Date(done.getTime() + backoffSeconds(c.attempts) * 1000);
      await prisma.$executeRaw`
        UPDATE alert_deliveries SET status_code = ${result.status}, last_error = ${result.error}, next_attempt_at = ${next},
          failed_at = ${giveUp ? done : null}
        WHERE id = ${c.id}::uuid`;
    }
  }
  return { delivered, failed };
}

/** The sweeper step: every organization's due alert notices, each inside its own organization scope. */
export async function sweepAlertNotices(now = new Date()): Promise<void> {
  await forEachOrganization((organizationId) => deliverDueAlertNotices(organizationId, now).then(() => undefined));
}

const kicks = new Map<string, NodeJS.Timeout>();

/**
 * Best effort, right after the transaction that queued notices: a moment later (once it has committed), deliver that
 * organization's due notices. Whatever this misses, the sweeper delivers. Not under test runners (they call
 * deliverDueAlertNotices themselves, and their databases close under a pending timer).
 */
export function kickAlertDelivery(organizationId: string): void {
  if (process.env.VITEST || kicks.has(organizationId)) return;
  const timer = setTimeout(() => {
    kicks.delete(organizationId);
    withOrganization(organizationId, () => deliverDueAlertNotices(organizationId)).catch((e) => console.error("alert delivery failed", e));
  }, 1_500);
  timer.unref();
  kicks.set(organizationId, timer);
}
