import "server-only";
import { formatRosterDate, type HrRecordValue, type PlannedHrRow } from "@/lib/policy/hr-csv";
import type { HrImportFile, HrImportOutcome, HrProgressListener } from "@/lib/schemas/hr-roster";
import { recordAudit } from "../audit";
import { authorize, clientContext, type Actor } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { parseRosterImportFile, planRosterImportFile, rosterPreviewOf, type PlannedRosterFile, type RosterFile } from "./roster-import-facts";

const CHUNK = 1_000;
/** How many employee numbers the audit event lists per kind of change (the counts are always complete). */
const AUDIT_LIST_LIMIT = 500;

/**
 * Replaces the organization's HR roster with the file, all or nothing: the dry run again inside one transaction, and
 * when any row has an error the transaction writes nothing and the answer is that dry run. People in the file are
 * created or updated by employee number, people it leaves out are removed; the import's record (counts, encoding)
 * and its audit event hr.roster_imported commit with them.
 */
export async function applyRosterImport(input: HrImportFile, progress: HrProgressListener = () => {}): Promise<HrImportOutcome> {
  const actor = await authorize("offboarding", "manage");
  const file = parseRosterImportFile(input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  try {
    return await prisma.$transaction(
      async (tx) => {
        // One roster import at a time per organization: the second plans against what the first wrote.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`hr_roster:${actor.organizationId}`}))`;
        const planned = await planRosterImportFile(tx, actor.organizationId, file.bytes, progress);
        const { parsed, plan } = planned;
        if (parsed.fileIssues.length > 0 || plan.counts.error > 0) return { status: "refused" as const, preview: rosterPreviewOf(file.fileName, planned) };
        if (input.expectedRemoved !== undefined && plan.counts.remove !== input.expectedRemoved) {
          throw new AppError(
            "conflict",
            `The preview showed ${input.expectedRemoved} people leaving the roster, but applying now would remove ${plan.counts.remove} (the file or the stored roster changed). Nothing was written: preview the file again.`,
            "file",
            "plan_changed",
          );
        }
        const importId = await writeRoster(tx, actor, file, planned, userAgent, progress);
        return {
          status: "applied" as const,
          summary: {
            importId,
            fileName: file.fileName,
            encoding: parsed.encoding,
            rowCount: parsed.rows.length,
            created: plan.counts.create,
            updated: plan.counts.update,
            unchanged: plan.counts.unchanged,
            removed: plan.counts.remove,
          },
        };
      },
      // A large roster is a few dozen statements; the planning reads the whole stored roster first.
      { maxWait: 15_000, timeout: 120_000 },
    );
  } catch (e) {
    if ((e as { code?: string })?.code === "P2028") {
      throw new AppError("unavailable", "The roster could not be written in time, so nothing was changed. Try again in a moment.", undefined, "import_busy");
    }
    throw e;
  }
}

const recordOf = (v: HrRecordValue) => ({
  employee_number: v.employeeNumber,
  name: v.name,
  name_kana: v.nameKana,
  department: v.department,
  employment_status: v.employmentStatus,
  termination_date: v.terminationDate ? v.terminationDate.toISOString().slice(0, 10) : null,
});

async function writeRoster(tx: Tx, actor: Actor, file: RosterFile, { parsed, plan }: PlannedRosterFile, userAgent: string | null, progress: HrProgressListener): Promise<string> {
  const organizationId = actor.organizationId;
  const now = new Date();
  const of = (action: PlannedHrRow["action"]) => plan.rows.filter((r) => r.action === action);
  const creates = of("create");
  const updates = of("update");
  const unchanged = of("unchanged");
  const total = creates.length + updates.length + unchanged.length + plan.removed.length;
  let done = 0;
  const advance = (n: number) => {
    done += n;
    progress({ phase: "write", done, total });
  };
  progress({ phase: "write", done: 0, total });

  const record = await tx.hrImport.create({
    data: {
      organizationId,
      importedById: actor.accountId,
      fileName: file.fileName,
      rowCount: parsed.rows.length,
      encoding: parsed.encoding ?? "unknown",
      createdCount: plan.counts.create,
      updatedCount: plan.counts.update,
      removedCount: plan.counts.remove,
      createdAt: now,
    },
    select: { id: true },
  });
  const importId = record.id;

  // One statement per chunk through a jsonb parameter: binding thousands of parameters is slow on the embedded database.
  for (let i = 0; i < creates.length; i += CHUNK) {
    const chunk = creates.slice(i, i + CHUNK);
    await tx.$executeRaw`
      INSERT INTO hr_roster_records (organization_id, import_id, employee_number, name, name_kana, department, employment_status, termination_date, updated_at)
      SELECT ${organizationId}::uuid, ${importId}::uuid, r.employee_number, r.name, r.name_kana, r.department, r.employment_status::"EmploymentStatus", r.termination_date, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(chunk.map((r) => recordOf(r.value!)))}::jsonb)
        AS r(employee_number text, name text, name_kana text, department text, employment_status text, termination_date date)`;
    advance(chunk.length);
  }
  for (let i = 0; i < updates.length; i += CHUNK) {
    const chunk = updates.slice(i, i + CHUNK);
    await tx.$executeRaw`
      UPDATE hr_roster_records h
      SET name = r.name, name_kana = r.name_kana, department = r.department, employment_status = r.employment_status::"EmploymentStatus",
          termination_date = r.termination_date, import_id = ${importId}::uuid, updated_at = ${now}
      FROM jsonb_to_recordset(${JSON.stringify(chunk.map((r) => recordOf(r.value!)))}::jsonb)
        AS r(employee_number text, name text, name_kana text, department text, employment_status text, termination_date date)
      WHERE h.organization_id = ${organizationId}::uuid AND h.employee_number = r.employee_number`;
    advance(chunk.length);
  }
  // Unchanged people are confirmed by this file: they belong to it from now on, without a change of their own.
  for (let i = 0; i < unchanged.length; i += CHUNK) {
    const chunk = unchanged.slice(i, i + CHUNK);
    await tx.$executeRaw`
      UPDATE hr_roster_records SET import_id = ${importId}::uuid
      WHERE organization_id = ${organizationId}::uuid AND employee_number = ANY(${chunk.map((r) => r.employeeNumber)}::text[])`;
    advance(chunk.length);
  }
  for (let i = 0; i < plan.removed.length; i += CHUNK) {
    const chunk = plan.removed.slice(i, i + CHUNK);
    await tx.hrRosterRecord.deleteMany({ where: { organizationId, id: { in: chunk.map((r) => r.id) } } });
    advance(chunk.length);
  }

  // Who became terminated and who left the roster are what a review looks for: listed by employee number.
  const newlyTerminated = plan.rows.filter((r) => r.value?.employmentStatus === "terminated" && (r.action === "create" || r.changes.some((c) => c.field === "employmentStatus")));
  const list = <T>(items: T[]) => items.slice(0, AUDIT_LIST_LIMIT);
  await recordAudit(tx, {
    organizationId,
    actorId: actor.accountId,
    actorLabel: actor.loginId,
    action: "hr.roster_imported",
    targetType: "hr_import",
    targetId: importId,
    targetLabel: file.fileName,
    outcome: "success",
    ip: actor.ip,
    userAgent,
    occurredAt: now,
    details: {
      fileName: file.fileName,
      encoding: parsed.encoding,
      rowCount: parsed.rows.length,
      created: plan.counts.create,
      updated: plan.counts.update,
      unchanged: plan.counts.unchanged,
      removed: plan.counts.remove,
      terminated: list(newlyTerminated.map((r) => ({ employeeNumber: r.employeeNumber, terminationDate: formatRosterDate(r.value!.terminationDate) }))),
      removedEmployeeNumbers: list(plan.removed.map((r) => r.employeeNumber)),
      listsTruncated: newlyTerminated.length > AUDIT_LIST_LIMIT || plan.removed.length > AUDIT_LIST_LIMIT,
    },
  });
  return importId;
}
