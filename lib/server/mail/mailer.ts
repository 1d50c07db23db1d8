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
 */
export async function deliver(ids: string[]): Promise<void> {
  const transporter = smtp();
  if (!transporter || ids.length === 0) return;
  const prisma = await db();
  const messages = await prisma.mailMessage.findMany({ where: { id: { in: ids }, sentAt: null }, select: { id: true, to: true, subject: true, body: true } });
  for (const m of messages) {
    try {
      await transporter.sendMail({ from: env().MAIL_FROM, to: m.to, subject: m.subject, text: m.body });
      await prisma.mailMessage.update({ where: { id: m.id }, data: { sentAt: new Date(), error: null } });
    } catch (e) {
      await prisma.mailMessage.update({ where: { id: m.id }, data: { error: String((e as Error).message).slice(0, 500) } });
    }
  }
}

/** Where links in mail point: the configured public URL, never a Host header a client could forge. */
export function publicUrl(path: string): string {
  const base = env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`;
  return new URL(path, base).toString();
}
