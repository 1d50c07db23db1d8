import "server-only";
import { csvLine, formatJst, UTF8_BOM } from "@/lib/policy/account-csv";
import { statementCsvSchema } from "@/lib/schemas/billing";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db, replicaDb } from "../db";
import { AppError } from "../errors";
import { statementFor } from "./get-statement";
import { allocateByCostCenter } from "./statements";

const yen = (n: number) => String(n);
const gb = (n: number) => n.toFixed(2);

/**
 * A month's statement as an Excel-safe CSV (UTF-8 with BOM, CRLF, formulas defused): one row per line, or one per
 * cost center (費用負担部署), each ending with the statement's totals. Audited as billing.statement_exported.
 */
export async function exportStatement(input: { month: string; view?: string | null }): Promise<{ fileName: string; text: string }> {
  const actor = await authorize("billing", "view");
  const parsed = statementCsvSchema.safeParse({ month: input.month, view: input.view ?? undefined });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "month");
    throw new AppError("invalid", field === "view" ? `Unknown view "${String(input.view).slice(0, 20)}": use lines or departments.` : `"${String(input.month).slice(0, 20)}" is not a month: write YYYY-MM.`, field);
  }
  const { month, view } = parsed.data;
  const s = await statementFor(actor, { month }, await replicaDb());
  let out = UTF8_BOM;
  if (view === "lines") {
    out += csvLine(["請求月", "電話番号", "利用者", "費用負担部署", "プラン", "データ容量(GB)", "容量追加(GB)", "利用量(GB)", "基本料金(円)", "容量追加料金(円)", "小計・税抜(円)", `消費税${s.taxRatePercent}%(円)`, "合計・税込(円)"]);
    for (const l of s.lines) {
      out += csvLine([month, l.phoneNumber, l.userLabel, l.costCenter ?? "未設定", l.plan, String(l.dataAllowanceGb), String(l.addonGb), gb(l.usedGb), yen(l.planFeeYen), yen(l.addonFeeYen), yen(l.subtotalYen), yen(l.taxYen), yen(l.totalYen)]);
    }
    const sum = (f: (l: (typeof s.lines)[number]) => number) => s.lines.reduce((t, l) => t + f(l), 0);
    out += csvLine([month, "合計", "", "", "", "", String(sum((l) => l.addonGb)), gb(sum((l) => l.usedGb)), yen(sum((l) => l.planFeeYen)), yen(sum((l) => l.addonFeeYen)), yen(s.subtotalYen), yen(s.taxYen), yen(s.totalYen)]);
  } else {
    out += csvLine(["請求月", "費用負担部署", "回線数", "小計・税抜(円)", `消費税${s.taxRatePercent}%(円)`, "合計・税込(円)"]);
    for (const a of allocateByCostCenter(s.lines)) {
      out += csvLine([month, a.costCenter ?? "未設定", String(a.lineCount), yen(a.subtotalYen), yen(a.taxYen), yen(a.totalYen)]);
    }
    out += csvLine([month, "合計", String(s.lineCount), yen(s.subtotalYen), yen(s.taxYen), yen(s.totalYen)]);
  }
  if (!s.issued) out += csvLine([`※ ${month} は未確定の見込みです (${formatJst(new Date())} 時点)`]);
  const { userAgent } = await clientContext();
  const prisma = await db();
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "billing.statement_exported",
      targetType: "statement",
      targetLabel: month,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { month, view, issued: s.issued, lineCount: s.lineCount, totalYen: s.totalYen },
    }),
  );
  return { fileName: `statement-${month}-${view}.csv`, text: out };
}
