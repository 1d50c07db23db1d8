import "server-only";
import { csvLine, formatJst, UTF8_BOM } from "@/lib/policy/account-csv";
import { apportionTax, monthDate, monthKeyOf, monthKeyOfDate, monthRange, planFeeYen } from "@/lib/policy/billing";
import { ROAMING_LABELS, SIM_TYPE_LABELS } from "@/lib/policy/line-csv";
import { lineIdSchema } from "@/lib/schemas/lines";
import ja from "@/lib/i18n/messages/ja/core.json";
import { can } from "@/lib/permissions";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { applyLineChange } from "./apply-line-change";

const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * A line's statement as an Excel-safe CSV: its record, its monthly charges as billed, then every audit event about it,
 * oldest first. Downloading it marks the statements exported (what a cancellation needs), audited as
 * line.statements_exported, in one transaction.
 */
export async function exportLineStatement(input: { id: string }): Promise<{ fileName: string; text: string }> {
  // Line operators, and billing (the statements are billing's task in an offboarding), who may not hold lines:manage.
  const actor = await authorize();
  if (!can(actor.permissions, "lines", "manage") && !can(actor.permissions, "billing", "manage")) {
    throw new AppError("forbidden", "This needs the lines:manage or billing:manage permission.");
  }
  const parsed = lineIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such line.");
  const { userAgent } = await clientContext();
  const prisma = await db();
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const line = await tx.line.findFirst({
      where: { id: parsed.data.id, organizationId: actor.organizationId },
      select: {
        id: true,
        phoneNumber: true,
        iccid: true,
        simType: true,
        plan: true,
        dataAllowanceGb: true,
        internationalRoaming: true,
        status: true,
        costCenter: true,
        mnpNumber: true,
        mnpExpiresAt: true,
        activatedAt: true,
        endedAt: true,
        assignedAccount: { select: { loginId: true, displayName: true, department: { select: { name: true } } } },
      },
    });
    if (!line) throw new AppError("not_found", "No such line.");
    const events = await tx.auditEvent.findMany({
      where: { organizationId: actor.organizationId, targetType: "line", targetId: line.id },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      select: { occurredAt: true, action: true, actorLabel: true, reason: true, details: true },
    });
    // The line's monthly charges as billed: what must be kept before the line is cancelled.
    const billed = await tx.statementLine.findMany({
      where: { organizationId: actor.organizationId, lineId: line.id },
      orderBy: { statement: { month: "asc" } },
      select: { plan: true, planFeeYen: true, addonGb: true, addonFeeYen: true, usedGb: true, subtotalYen: true, taxYen: true, totalYen: true, costCenter: true, statement: { select: { month: true } } },
    });
    await applyLineChange(tx, {
      organizationId: actor.organizationId,
      lineId: line.id,
      change: { kind: "statements_exported" },
      actor: { accountId: actor.accountId, label: actor.loginId },
      now,
      ip: actor.ip,
      userAgent,
    });
    const record: [string, string | null | undefined][] = [
      ["電話番号", line.phoneNumber],
      ["ICCID", line.iccid],
      ["SIM種別", SIM_TYPE_LABELS[line.simType]],
      ["プラン", line.plan],
      ["データ容量GB", String(line.dataAllowanceGb)],
      ["国際ローミング", line.internationalRoaming ? ROAMING_LABELS.on : ROAMING_LABELS.off],
      ["状態", ja.lineStatus[line.status]],
      ["利用者OCN ID", line.assignedAccount?.loginId],
      ["利用者名", line.assignedAccount?.displayName],
      ["コストセンター", line.costCenter],
      ["MNP予約番号", line.mnpNumber],
      ["MNP有効期限", line.mnpExpiresAt ? formatJst(line.mnpExpiresAt) : ""],
      ["開通日時", line.activatedAt ? formatJst(line.activatedAt) : ""],
      ["出力日時", formatJst(now)],
      ["出力者", actor.loginId],
    ];
    let out = UTF8_BOM + csvLine(["項目", "値"]);
    for (const [k, v] of record) out += csvLine([k, v]);
    out += "\r\n" + csvLine(["請求月", "プラン", "費用負担部署", "基本料金(円)", "容量追加(GB)", "容量追加料金(円)", "利用量(GB)", "小計・税抜(円)", "消費税(円)", "合計・税込(円)"]);
    for (const b of billed) {
      out += csvLine([monthKeyOfDate(b.statement.month), b.plan, b.costCenter ?? "未設定", String(b.planFeeYen), String(b.addonGb), String(b.addonFeeYen), Number(b.usedGb).toFixed(2), String(b.subtotalYen), String(b.taxYen), String(b.totalYen)]);
    }
    // This month is not issued yet, and for a line about to be cancelled it is its last: its charges so far, marked as
    // an estimate (on the invoice, tax is rounded once for all lines, so a yen may differ).
    const month = monthKeyOf(now);
    if (!billed.some((b) => monthKeyOfDate(b.statement.month) === month) && !(line.endedAt && line.endedAt < monthRange(month).start)) {
      const [addons, usage] = await Promise.all([
        tx.lineDataAddon.aggregate({ where: { lineId: line.id, month: monthDate(month) }, _sum: { gb: true, priceYen: true } }),
        tx.lineUsage.findUnique({ where: { lineId_month: { lineId: line.id, month: monthDate(month) } }, select: { usedGb: true } }),
      ]);
      const fee = planFeeYen(line.dataAllowanceGb);
      const subtotal = fee + (addons._sum.priceYen ?? 0);
      const { taxYen } = apportionTax([subtotal]);
      out += csvLine([`${month} (見込み)`, line.plan, line.costCenter ?? line.assignedAccount?.department?.name ?? "未設定", String(fee), String(addons._sum.gb ?? 0), String(addons._sum.priceYen ?? 0), Number(usage?.usedGb ?? 0).toFixed(2), String(subtotal), String(taxYen), String(subtotal + taxYen)]);
    }
    out += "\r\n" + csvLine(["日時", "操作", "実行者", "理由", "変更前", "変更後"]);
    for (const e of events) {
      const d = (e.details ?? {}) as { before?: unknown; after?: unknown };
      out += csvLine([formatJst(e.occurredAt), e.action, e.actorLabel, e.reason, text(d.before), text(d.after)]);
    }
    const stamp = formatJst(now).replace(/\//g, "").replace(" ", "-").replace(":", "");
    return { fileName: `line-statement-${line.phoneNumber.replace(/-/g, "")}-${stamp}.csv`, text: out };
  });
}
