import "server-only";
// Monthly statements: what a month bills per line (plan fee, 容量追加, usage, tax) and per organization; issued once
// when the month is over and then frozen, while the current month is shown as a running estimate from the same rules.
import {
  addMonths,
  apportionTax,
  dueDateOf,
  monthDate,
  monthKeyOf,
  monthKeyOfDate,
  monthRange,
  paymentMethodLabel,
  planFeeYen,
  TAX_RATE_PERCENT,
  type MonthKey,
} from "@/lib/policy/billing";
import { recordAudit } from "../audit";
import { db, type Tx } from "../db";
import { deliver, publicUrl } from "../mail/mailer";
import { queueMemberNotice } from "../me/notices";
import { withOrganization } from "../tenant-context";
import { forEachOrganization } from "../tenant-lookup";

export interface StatementLineView {
  lineId: string | null;
  phoneNumber: string;
  plan: string;
  dataAllowanceGb: number;
  userLabel: string | null;
  costCenter: string | null;
  planFeeYen: number;
  addonGb: number;
  addonFeeYen: number;
  usedGb: number;
  subtotalYen: number;
  taxYen: number;
  totalYen: number;
}

export interface StatementView {
  month: MonthKey;
  /** False for the current month's running estimate, which no statement has frozen yet. */
  issued: boolean;
  issuedAt: Date | null;
  dueDate: Date;
  lineCount: number;
  subtotalYen: number;
  taxRatePercent: number;
  taxYen: number;
  totalYen: number;
  paymentMethodLabel: string | null;
  lines: StatementLineView[];
}

/** Lines by phone number, the order a statement lists them in. */
const byPhone = (a: { phoneNumber: string }, b: { phoneNumber: string }) => a.phoneNumber.localeCompare(b.phoneNumber);

/**
 * What a month bills, from the lines as they are: every line activated before the month ended that was not already
 * cancelled or ported out before it began (lines.ended_at).
 * Each line pays its plan's full monthly fee and the month's add-ons; tax is apportioned from the invoice's.
 */
export async function computeStatement(tx: Tx, organizationId: string, month: MonthKey): Promise<Omit<StatementView, "issued" | "issuedAt" | "paymentMethodLabel">> {
  const { start, end } = monthRange(month);
  const day = monthDate(month);
  const [lines, addons, usage] = await Promise.all([
    tx.line.findMany({
      where: {
        organizationId,
        OR: [{ activatedAt: { lt: end } }, { activatedAt: null, createdAt: { lt: end } }],
        AND: [{ OR: [{ status: { notIn: ["cancelled", "ported_out"] } }, { endedAt: { gte: start } }] }],
      },
      select: {
        id: true,
        phoneNumber: true,
        plan: true,
        dataAllowanceGb: true,
        costCenter: true,
        assignedAccount: { select: { displayName: true, department: { select: { name: true } } } },
      },
    }),
    tx.lineDataAddon.groupBy({ by: ["lineId"], where: { organizationId, month: day }, _sum: { gb: true, priceYen: true } }),
    tx.lineUsage.findMany({ where: { organizationId, month: day }, select: { lineId: true, usedGb: true } }),
  ]);
  const addonsOf = new Map(addons.map((a) => [a.lineId, { gb: a._sum.gb ?? 0, yen: a._sum.priceYen ?? 0 }]));
  const usageOf = new Map(usage.map((u) => [u.lineId, Number(u.usedGb)]));
  const rows = lines
    .map((l) => {
      const addon = addonsOf.get(l.id) ?? { gb: 0, yen: 0 };
      const fee = planFeeYen(l.dataAllowanceGb);
      return {
        lineId: l.id,
        phoneNumber: l.phoneNumber,
        plan: l.plan,
        dataAllowanceGb: l.dataAllowanceGb,
        userLabel: l.assignedAccount?.displayName ?? null,
        // 費用負担部署: the line's own cost center, else the department of the person who holds it.
        costCenter: l.costCenter ?? l.assignedAccount?.department?.name ?? null,
        planFeeYen: fee,
        addonGb: addon.gb,
        addonFeeYen: addon.yen,
        usedGb: usageOf.get(l.id) ?? 0,
        subtotalYen: fee + addon.yen,
      };
    })
    .sort(byPhone);
  const { taxYen, shares } = apportionTax(rows.map((r) => r.subtotalYen));
  const withTax = rows.map((r, i) => ({ ...r, taxYen: shares[i]!, totalYen: r.subtotalYen + shares[i]! }));
  const subtotalYen = rows.reduce((s, r) => s + r.subtotalYen, 0);
  return { month, dueDate: dueDateOf(month), lineCount: rows.length, subtotalYen, taxRatePercent: TAX_RATE_PERCENT, taxYen, totalYen: subtotalYen + taxYen, lines: withTax };
}

export async function currentPaymentLabel(tx: Tx, organizationId: string): Promise<string | null> {
  const m = await tx.paymentMethod.findUnique({ where: { organizationId } });
  return m ? paymentMethodLabel(m) : null;
}

/**
 * Issues a month's statement once: a second call (another instance, a retry) finds it and writes nothing. Audited as
 * billing.statement_issued; those who manage billing get a 請求 notice (unless `notify` is false: the demo's past
 * months). Returns whether this call issued it and the notices to deliver once the transaction has committed.
 */
export async function issueStatement(tx: Tx, organizationId: string, month: MonthKey, now: Date, { notify = true } = {}): Promise<{ issued: boolean; mailIds: string[] }> {
  // One issuer per organization and month across instances; the unique (organization, month) backs it.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(727009, hashtext(${`${organizationId}:${month}`}))`;
  const exists = await tx.statement.findUnique({ where: { organizationId_month: { organizationId, month: monthDate(month) } }, select: { id: true } });
  if (exists) return { issued: false, mailIds: [] };
  const s = await computeStatement(tx, organizationId, month);
  if (s.lineCount === 0) return { issued: false, mailIds: [] };
  const statement = await tx.statement.create({
    data: {
      organizationId,
      month: monthDate(month),
      issuedAt: now,
      dueDate: s.dueDate,
      lineCount: s.lineCount,
      subtotalYen: s.subtotalYen,
      taxRatePercent: s.taxRatePercent,
      taxYen: s.taxYen,
      totalYen: s.totalYen,
      paymentMethodLabel: await currentPaymentLabel(tx, organizationId),
    },
    select: { id: true },
  });
  await tx.statementLine.createMany({ data: s.lines.map((l) => ({ ...l, organizationId, statementId: statement.id })) });
  await recordAudit(tx, {
    organizationId,
    actorLabel: "system (billing)",
    action: "billing.statement_issued",
    targetType: "statement",
    targetId: statement.id,
    targetLabel: month,
    outcome: "success",
    occurredAt: now,
    details: { month, lineCount: s.lineCount, subtotalYen: s.subtotalYen, taxYen: s.taxYen, totalYen: s.totalYen },
  });
  if (!notify) return { issued: true, mailIds: [] };
  const managers = await tx.account.findMany({
    where: {
      organizationId,
      status: "active",
      grants: { some: { revokedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }], role: { permissions: { some: { domain: "billing", level: "manage" } } } } },
    },
    select: { id: true },
  });
  const [year, mon] = month.split("-");
  const mailIds: string[] = [];
  for (const m of managers) {
    const id = await queueMemberNotice(tx, {
      organizationId,
      accountId: m.id,
      category: "billing",
      subject: `【OCN ビジネスコンソール】${year}年${Number(mon)}月分のご利用明細を発行しました`,
      body: [
        `${year}年${Number(mon)}月分の明細を発行しました: ${s.lineCount}回線、合計 ${s.totalYen.toLocaleString("ja-JP")}円 (税込)。`,
        "",
        `The statement for ${month} is issued: ${s.lineCount} lines, ¥${s.totalYen.toLocaleString("en-US")} including tax.`,
        "",
        publicUrl(`/billing/statements/${month}`),
      ].join("\n"),
    });
    if (id) mailIds.push(id);
  }
  return { issued: true, mailIds };
}

/** Issues last month's statement of an organization if it is not issued yet (what the sweeper runs). */
export async function issueLastMonth(organizationId: string, now = new Date()): Promise<boolean> {
  const month = addMonths(monthKeyOf(now), -1);
  const { issued, mailIds } = await withOrganization(organizationId, async () => (await db()).$transaction((tx) => issueStatement(tx, organizationId, month, now)));
  await deliver(mailIds);
  return issued;
}

export async function sweepStatements(now = new Date()): Promise<void> {
  await forEachOrganization(
    async (organizationId) => {
      await issueLastMonth(organizationId, now);
    },
    { isolate: "statement issuing" },
  );
}

/** An issued statement as the pages read it; null when that month has none. */
export async function readIssuedStatement(tx: Tx, organizationId: string, month: MonthKey): Promise<StatementView | null> {
  const s = await tx.statement.findUnique({
    where: { organizationId_month: { organizationId, month: monthDate(month) } },
    include: { lines: { orderBy: { phoneNumber: "asc" } } },
  });
  if (!s) return null;
  return {
    month: monthKeyOfDate(s.month),
    issued: true,
    issuedAt: s.issuedAt,
    dueDate: s.dueDate,
    lineCount: s.lineCount,
    subtotalYen: s.subtotalYen,
    taxRatePercent: s.taxRatePercent,
    taxYen: s.taxYen,
    totalYen: s.totalYen,
    paymentMethodLabel: s.paymentMethodLabel,
    lines: s.lines.map((l) => ({
      lineId: l.lineId,
      phoneNumber: l.phoneNumber,
      plan: l.plan,
      dataAllowanceGb: l.dataAllowanceGb,
      userLabel: l.userLabel,
      costCenter: l.costCenter,
      planFeeYen: l.planFeeYen,
      addonGb: l.addonGb,
      addonFeeYen: l.addonFeeYen,
      usedGb: Number(l.usedGb),
      subtotalYen: l.subtotalYen,
      taxYen: l.taxYen,
      totalYen: l.totalYen,
    })),
  };
}

export interface Allocation {
  /** null: lines with no cost center and no holder's department (未設定). */
  costCenter: string | null;
  lineCount: number;
  subtotalYen: number;
  taxYen: number;
  totalYen: number;
}

/** 費用負担部署別: the statement's lines summed per cost center, largest total first, 未設定 last. */
export function allocateByCostCenter(lines: StatementLineView[]): Allocation[] {
  const groups = new Map<string | null, Allocation>();
  for (const l of lines) {
    const g = groups.get(l.costCenter) ?? { costCenter: l.costCenter, lineCount: 0, subtotalYen: 0, taxYen: 0, totalYen: 0 };
    g.lineCount += 1;
    g.subtotalYen += l.subtotalYen;
    g.taxYen += l.taxYen;
    g.totalYen += l.totalYen;
    groups.set(l.costCenter, g);
  }
  return [...groups.values()].sort((a, b) => (a.costCenter === null ? 1 : b.costCenter === null ? -1 : b.totalYen - a.totalYen || a.costCenter.localeCompare(b.costCenter)));
}
