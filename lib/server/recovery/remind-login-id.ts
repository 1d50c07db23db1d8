import "server-only";
import type { z } from "zod";
import type { remindLoginIdSchema } from "@/lib/schemas/recovery";
import { recordAudit } from "../audit";
import { db } from "../db";
import { deliver, publicUrl, queueMail } from "../mail/mailer";
import type { ClientInfo } from "../sign-in/finish-sign-in";
import { asSystem, withOrganization } from "../tenant-context";
import { organizationOf } from "../tenant-lookup";

/** Mails the OCN IDs registered with this address under this customer number; the same answer either way. */
export async function remindLoginId(input: z.infer<typeof remindLoginIdSchema>, client: ClientInfo): Promise<void> {
  const organizationId = await organizationOf("customerNumber", input.customerNumber);
  // An unknown customer number belongs to no organization: its attempt is written in the system scope.
  return organizationId ? withOrganization(organizationId, () => remindInOrganization(input, client)) : asSystem(() => remindInOrganization(input, client));
}

async function remindInOrganization(input: z.infer<typeof remindLoginIdSchema>, client: ClientInfo): Promise<void> {
  const prisma = await db();
  const now = new Date();
  const org = await prisma.organization.findUnique({ where: { customerNumber: input.customerNumber }, select: { id: true, name: true } });
  const accounts = org
    ? await prisma.account.findMany({
        // Not the IDs of people whose access has ended (offboarding), even before the sweeper disables them.
        where: { organizationId: org.id, email: input.email, status: { in: ["active", "locked", "suspended"] }, OR: [{ accessEndsAt: null }, { accessEndsAt: { gt: now } }] },
        select: { id: true, loginId: true, displayName: true },
        orderBy: { loginId: "asc" },
      })
    : [];
  const mailId = await prisma.$transaction(async (tx) => {
    await recordAudit(tx, {
      organizationId: org?.id ?? null,
      actorLabel: input.email,
      action: "auth.login_id_reminder",
      targetType: "account",
      targetId: accounts[0]?.id ?? null,
      outcome: accounts.length > 0 ? "success" : "failure",
      reason: accounts.length > 0 ? null : org ? "no_matching_account" : "unknown_customer_number",
      ip: client.ip,
      userAgent: client.userAgent,
      occurredAt: now,
      details: { count: accounts.length },
    });
    if (!org || accounts.length === 0) return null;
    return queueMail(tx, {
      organizationId: org.id,
      to: input.email,
      subject: "【OCN ビジネスコンソール】OCN ID のご案内",
      body: [
        `${accounts[0]!.displayName} 様`,
        "",
        `${org.name} でこのメールアドレスに登録されている OCN ID は次のとおりです。`,
        "",
        ...accounts.map((a) => `  ${a.loginId}`),
        "",
        `サインイン: ${publicUrl("/sign-in")}`,
        "お心当たりがない場合は、このメールを破棄してください。",
      ].join("\n"),
    });
  });
  if (mailId) await deliver([mailId]);
}
