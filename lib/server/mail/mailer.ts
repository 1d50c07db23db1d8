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
  if (transport === undefined) transport = env().SMTP_URL ? nodemailer.createTransport(env().SMTP_URL) : null;
  return transport;
}

/**
 * Sends queued messages over SMTP when SMTP_URL is set; without it they stay in the outbox page.
 * A failed send is recorded on the message, never thrown at the person who caused it.
 * Each message is claimed (row lock, SKIP LOCKED) until its send is recorded, so two instances (or a kick and the
 * sweeper) handed the same ids send it once; the header X-OCN-Message-Id lets a receiver spot a resend.
 */
export async function deliver(ids: string[]): Promise<void> {
  const transporter = smtp();
  if (!transporter || ids.length === 0) return;
  const prisma = await db();
  for (const id of ids) {
    // An SMTP server may take its time; the lock is one row's.
    await prisma.$transaction(
      async (tx) => {
        const [m] = await tx.$queryRaw<{ id: string; to: string; subject: string; body: string }[]>`
          SELECT id::text AS id, "to", subject, body FROM mail_messages WHERE id = ${id}::uuid AND sent_at IS NULL FOR UPDATE SKIP LOCKED`;
        if (!m) return;
        try {
          await transporter.sendMail({ from: env().MAIL_FROM, to: m.to, subject: m.subject, text: m.body, headers: { "X-OCN-Message-Id": m.id } });
          await tx.mailMessage.update({ where: { id: m.id }, data: { sentAt: new Date(), error: null } });
        } catch (e) {
          await tx.mailMessage.update({ where: { id: m.id }, data: { error: String((e as Error).message).slice(0, 500) } });
        }
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }
}

/** Where links in mail point: the configured public URL, never a Host header a client could forge. */
export function publicUrl(path: string): string {
  const base = env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`;
  return new URL(path, base).toString();
}
