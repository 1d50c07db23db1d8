import "server-only";
import nodemailer from "nodemailer";
import type { Tx } from "../db";
import { db } from "../db";
import { env } from "../env";

export interface MailInput {
  organizationId: string | null;
  to: string;
  subject: string;
  body: string;
}

/** Records a message in the outbox inside the caller's transaction; `deliver` sends it once that has committed. */
export async function queueMail(tx: Tx, mail: MailInput): Promise<string> {
  const row = await tx.mailMessage.create({ data: mail, select: { id: true } });
  return row.id;
}

let transport: nodemailer.Transporter | null | undefined;
function smtp(): nodemailer.Transporter | null {
  // Bounded waits: a silent SMTP server must not hold a sender for minutes.
  if (transport === undefined) {
    transport = env().SMTP_URL ? nodemailer.createTransport(env().SMTP_URL, { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 }) : null;
  }
  return transport;
}

/**
 * Sends queued messages over SMTP when SMTP_URL is set; without it they stay in the outbox page.
 * A failed send is recorded on the message, never thrown at the person who caused it.
 * Each message is claimed first (one statement sets sent_at where it is still empty), so two instances, or a kick and
 * the sweeper, handed the same ids send it once; the send happens outside any transaction, and a failed one gives the
 * claim back with its error. The header X-OCN-Message-Id lets a receiver spot a resend.
 */
export async function deliver(ids: string[]): Promise<void> {
  const transporter = smtp();
  if (!transporter || ids.length === 0) return;
  const prisma = await db();
  for (const id of ids) {
    try {
      const [m] = await prisma.$queryRaw<{ id: string; to: string; subject: string; body: string }[]>`
        UPDATE mail_messages SET sent_at = now(), error = NULL WHERE id = ${id}::uuid AND sent_at IS NULL
        RETURNING id::text AS id, "to", subject, body`;
      if (!m) continue;
      try {
        await transporter.sendMail({ from: env().MAIL_FROM, to: m.to, subject: m.subject, text: m.body, headers: { "X-OCN-Message-Id": m.id } });
      } catch (e) {
        await prisma.mailMessage.update({ where: { id: m.id }, data: { sentAt: null, error: String((e as Error).message).slice(0, 500) } });
      }
    } catch (e) {
      console.error("mail delivery failed", e);
    }
  }
}

/** Where links in mail point: the configured public URL, never a Host header a client could forge. */
export function publicUrl(path: string): string {
  const base = env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`;
  return new URL(path, base).toString();
}
