import "server-only";
import { csvLine, formatJst } from "@/lib/policy/account-csv";
import { lineCsvHeader, ROAMING_LABELS, SIM_TYPE_LABELS } from "@/lib/policy/line-csv";
import { listLinesSchema, type ListLinesInput } from "@/lib/schemas/lines";
import ja from "@/lib/i18n/messages/ja/core.json";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { linesWhere } from "./lines-where";

/**
 * The lines the list shows for the same filters, as an Excel-safe CSV (BOM, CRLF, every cell quoted, formulas
 * neutralised) in the headings the import reads: an export re-imports as "unchanged". The export is audited.
 */
export async function exportLines(input: ListLinesInput): Promise<{ fileName: string; rowCount: number; text: string }> {
  const actor = await authorize("lines", "view");
  const query = listLinesSchema.parse(input);
  const prisma = await db();
  const now = new Date();
  const rows = await prisma.line.findMany({
    where: linesWhere(actor.organizationId, query),
    orderBy: [{ phoneNumber: "asc" }, { id: "asc" }],
    select: {
      phoneNumber: true,
      iccid: true,
      simType: true,
      plan: true,
      dataAllowanceGb: true,
      internationalRoaming: true,
      costCenter: true,
      mnpNumber: true,
      mnpExpiresAt: true,
      status: true,
      assignedAccount: { select: { loginId: true, displayName: true } },
    },
  });
  const { userAgent } = await clientContext();
  const filter = { q: query.q ?? null, status: query.status ?? null, simType: query.simType ?? null, holder: query.holder ?? null, plan: query.plan ?? null };
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "line.export",
      targetType: "line",
      outcome: "success",
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: { format: "csv", filter, rowCount: rows.length },
    }),
  );
  let text = lineCsvHeader();
  for (const l of rows) {
    text += csvLine([
      l.phoneNumber,
      l.iccid,
      SIM_TYPE_LABELS[l.simType],
      l.plan,
      String(l.dataAllowanceGb),
      l.internationalRoaming ? ROAMING_LABELS.on : ROAMING_LABELS.off,
      l.assignedAccount?.loginId,
      l.costCenter,
      l.mnpNumber,
      l.mnpExpiresAt ? formatJst(l.mnpExpiresAt) : "",
      ja.lineStatus[l.status],
      l.assignedAccount?.displayName,
    ]);
  }
  const stamp = formatJst(now).replace(/\//g, "").replace(" ", "-").replace(":", "");
  return { fileName: `lines-${stamp}.csv`, rowCount: rows.length, text };
}
