import "server-only";
// The dry run of a lines CSV: read and validate the file, load what the organization holds about its rows, plan
// each row. Shared by the preview and the apply, which runs it again on the same bytes inside its transaction.
import { parseLineCsv, planLineImport, type ExistingLine, type LineImportPlan, type ParsedLineCsv } from "@/lib/policy/line-csv";
import type { LineStatusValue } from "@/lib/policy/lines";
import { lineImportFileSchema, type LineImportFile, type LineImportPreview } from "@/lib/schemas/line-import";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";

const CHUNK = 1_000;

export function parseLineImportFile(input: LineImportFile): { fileName: string; bytes: Uint8Array } {
  const parsed = lineImportFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid", issue.message === "file_required" ? "Choose a CSV file." : "The file name is too long.", "file", issue.message);
  }
  return parsed.data;
}

export async function planLineImportFile(prisma: Db | Tx, organizationId: string, bytes: Uint8Array): Promise<{ parsed: ParsedLineCsv; plan: LineImportPlan }> {
  const parsed = parseLineCsv(bytes);
  const context = { byPhone: new Map<string, ExistingLine>(), iccidOwners: new Map<string, { id: string; phoneNumber: string }>(), holders: new Map<string, { id: string; active: boolean }>() };
  if (parsed.fileIssues.length > 0) return { parsed, plan: { rows: [], counts: { create: 0, update: 0, unchanged: 0, error: 0 } } };
  const values = parsed.rows.flatMap((r) => (r.value ? [r.value] : []));
  const now = Date.now();
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunk = values.slice(i, i + CHUNK);
    const [lines, owners, holders] = await Promise.all([
      prisma.line.findMany({
        where: { organizationId, phoneNumber: { in: chunk.map((v) => v.phoneNumber) } },
        select: {
          id: true,
          phoneNumber: true,
          iccid: true,
          simType: true,
          plan: true,
          dataAllowanceGb: true,
          internationalRoaming: true,
          assignedAccountId: true,
          assignedAccount: { select: { loginId: true } },
          costCenter: true,
          mnpNumber: true,
          mnpExpiresAt: true,
          status: true,
        },
      }),
      prisma.line.findMany({ where: { organizationId, iccid: { in: chunk.map((v) => v.iccid) } }, select: { id: true, phoneNumber: true, iccid: true } }),
      prisma.account.findMany({
        where: { organizationId, loginId: { in: chunk.flatMap((v) => (v.holderLoginId ? [v.holderLoginId] : [])) } },
        select: { id: true, loginId: true, status: true, accessEndsAt: true },
      }),
    ]);
    for (const { assignedAccount, ...l } of lines) context.byPhone.set(l.phoneNumber, { ...l, status: l.status as LineStatusValue, holderLoginId: assignedAccount?.loginId ?? null });
    for (const o of owners) if (o.iccid) context.iccidOwners.set(o.iccid, { id: o.id, phoneNumber: o.phoneNumber });
    for (const a of holders) context.holders.set(a.loginId, { id: a.id, active: a.status === "active" && !(a.accessEndsAt && a.accessEndsAt.getTime() <= now) });
  }
  return { parsed, plan: planLineImport(parsed, context) };
}

export function linePreviewOf(fileName: string, parsed: ParsedLineCsv, plan: LineImportPlan): LineImportPreview {
  return {
    fileName,
    encoding: parsed.encoding,
    rowCount: parsed.rows.length,
    counts: plan.counts,
    fileIssues: parsed.fileIssues,
    warnings: parsed.warnings,
    headings: parsed.headings,
    rows: plan.rows.map((r) => ({ row: r.row, phoneNumber: r.phoneNumber, action: r.action, changes: r.changes, errors: r.errors })),
  };
}
