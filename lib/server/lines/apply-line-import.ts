import "server-only";
import type { LineImportFile, LineImportOutcome } from "@/lib/schemas/line-import";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { linePreviewOf, parseLineImportFile, planLineImportFile } from "./line-import-facts";

/**
 * Applies a lines CSV all or nothing: the dry run again, inside one transaction, and when any row has an error the
 * transaction writes nothing and the answer is that dry run. Each created or changed line gets its audit event
 * (line.created / line.updated with before/after), and the import one line.import with its counts.
 */
export async function applyLineImport(input: LineImportFile): Promise<LineImportOutcome> {
  const actor = await authorize("lines", "manage");
  const file = parseLineImportFile(input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  const organizationId = actor.organizationId;
  try {
    return await prisma.$transaction(
      async (tx) => {
        // One import at a time per organization: two files cannot both pass the checks on the same numbers.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(727003, hashtext(${organizationId}))`;
        const first = await planLineImportFile(tx, organizationId, file.bytes);
        // The lines the file changes are locked the way every line change locks them (apply-line-change.ts), in one
        // order, and the file is planned again under those locks: a change made meanwhile is read, never overwritten.
        const touched = [...new Set(first.plan.rows.flatMap((r) => (r.action === "update" && r.lineId ? [r.lineId] : [])))].sort();
        for (const lineId of touched) await tx.$executeRaw`SELECT pg_advisory_xact_lock(727002, hashtext(${`${organizationId}:line:${lineId}`}))`;
        const { parsed, plan } = touched.length > 0 ? await planLineImportFile(tx, organizationId, file.bytes) : first;
        if (parsed.fileIssues.length > 0 || plan.counts.error > 0) return { status: "refused" as const, preview: linePreviewOf(file.fileName, parsed, plan) };
        const now = new Date();
        const reason = `CSV import ${file.fileName}`;
        const base = { organizationId, actorId: actor.accountId, actorLabel: actor.loginId, outcome: "success" as const, ip: actor.ip, userAgent, occurredAt: now, targetType: "line", reason };
        for (const row of plan.rows) {
          if (row.action === "create" && row.write) {
            const line = await tx.line.create({ data: { organizationId, ...row.write, status: "active", activatedAt: now, createdAt: now }, select: { id: true } });
            await recordAudit(tx, { ...base, action: "line.created", targetId: line.id, targetLabel: row.phoneNumber, details: { before: null, after: row.after ?? {}, row: row.row, via: "csv_import" } });
          } else if (row.action === "update" && row.write && row.lineId) {
            const { count } = await tx.line.updateMany({ where: { id: row.lineId, organizationId, status: { notIn: ["cancelled", "ported_out"] } }, data: row.write });
            if (count !== 1) throw new AppError("conflict", `Row ${row.row}: the line changed while the file was being applied; nothing was written. Run the dry run again.`, undefined, "import_race");
            await recordAudit(tx, { ...base, action: "line.updated", targetId: row.lineId, targetLabel: row.phoneNumber, details: { before: row.before ?? {}, after: row.after ?? {}, row: row.row, via: "csv_import" } });
          }
        }
        const summary = { fileName: file.fileName, encoding: parsed.encoding, rowCount: parsed.rows.length, created: plan.counts.create, updated: plan.counts.update, unchanged: plan.counts.unchanged };
        await recordAudit(tx, { ...base, action: "line.import", targetType: "line_import", targetId: null, targetLabel: file.fileName, reason: null, details: summary });
        return { status: "applied" as const, summary };
      },
      { maxWait: 15_000, timeout: 120_000 },
    );
  } catch (e) {
    const code = (e as { code?: string })?.code;
    if (code === "P2002") throw new AppError("conflict", "A phone number or ICCID in the file was taken while it was being applied; nothing was written. Run the dry run again.", undefined, "import_race");
    throw e;
  }
}
