import "server-only";
import { can } from "@/lib/permissions";
import { monthKeyOf, monthKeyOfDate } from "@/lib/policy/billing";
import { authorize } from "../authorize";
import { db } from "../db";
import { pendingRequestFor } from "../requests/pending-request";
import { computeStatement, currentPaymentLabel } from "./statements";

/** The billing overview: this month so far, the issued statements newest first, and how the organization pays. */
export async function listStatements() {
  const actor = await authorize("billing", "view");
  const prisma = await db();
  const now = new Date();
  const month = monthKeyOf(now);
  const [statements, current, paymentLabel, pendingPayment] = await Promise.all([
    prisma.statement.findMany({
      where: { organizationId: actor.organizationId },
      orderBy: { month: "desc" },
      take: 24,
      select: { month: true, issuedAt: true, dueDate: true, lineCount: true, subtotalYen: true, taxYen: true, totalYen: true, paymentMethodLabel: true },
    }),
    prisma.$transaction((tx) => computeStatement(tx, actor.organizationId, month)),
    prisma.$transaction((tx) => currentPaymentLabel(tx, actor.organizationId)),
    pendingRequestFor(prisma, actor, "payment_method", actor.organizationId),
  ]);
  return {
    current: { month, lineCount: current.lineCount, subtotalYen: current.subtotalYen, taxYen: current.taxYen, totalYen: current.totalYen, addonGb: current.lines.reduce((s, l) => s + l.addonGb, 0) },
    statements: statements.map((s) => ({ ...s, month: monthKeyOfDate(s.month) })),
    paymentLabel,
    paymentPending: pendingPayment !== null,
    canRequest: can(actor.permissions, "billing", "request"),
  };
}
