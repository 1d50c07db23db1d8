import "server-only";
import { authorize } from "../authorize";
import { db } from "../db";
import { env } from "../env";

/** The organization's sent mail, newest first (the outbox page, where mail is kept when SMTP is not set). */
export async function listOutbox() {
  const actor = await authorize("org", "view");
  const prisma = await db();
  const messages = await prisma.mailMessage.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, to: true, subject: true, body: true, createdAt: true, sentAt: true, error: true },
  });
  return { smtp: Boolean(env().SMTP_URL), messages };
}
