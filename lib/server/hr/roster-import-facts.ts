import "server-only";
// The dry run of a roster CSV: read and validate the file, load the stored roster it replaces, plan each row and the
// removals. Shared by the preview and the apply, which runs it again on the same bytes inside its transaction.
import { parseHrCsv, planHrImport, type EmploymentStatusValue, type ExistingHrRecord, type HrImportPlan, type ParsedHrCsv } from "@/lib/policy/hr-csv";
import { hrImportFileSchema, type HrImportFile, type HrImportPreview, type HrProgressListener } from "@/lib/schemas/hr-roster";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";

export interface RosterFile {
  fileName: string;
  bytes: Uint8Array;
}

export function parseRosterImportFile(input: HrImportFile): RosterFile {
  const parsed = hrImportFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid", issue.message === "file_required" ? "Choose a CSV file." : "The file name is too long.", "file", issue.message);
  }
  return parsed.data;
}

export interface PlannedRosterFile {
  parsed: ParsedHrCsv;
  plan: HrImportPlan;
  storedCount: number;
}

export async function planRosterImportFile(prisma: Db | Tx, organizationId: string, bytes: Uint8Array, progress: HrProgressListener = () => {}): Promise<PlannedRosterFile> {
  progress({ phase: "read", done: 0, total: 1 });
  const parsed = parseHrCsv(bytes);
  progress({ phase: "read", done: 1, total: 1 });
  // The whole stored roster, once: the file replaces all of it, so every record is compared or removed.
  const stored = await prisma.hrRosterRecord.findMany({
    where: { organizationId },
    select: { id: true, employeeNumber: true, name: true, nameKana: true, department: true, employmentStatus: true, terminationDate: true },
  });
  const existing = new Map<string, ExistingHrRecord>(stored.map((r) => [r.employeeNumber, { ...r, employmentStatus: r.employmentStatus as EmploymentStatusValue }]));
  progress({ phase: "check", done: 0, total: parsed.rows.length });
  const plan = planHrImport(parsed, existing);
  progress({ phase: "check", done: parsed.rows.length, total: parsed.rows.length });
  return { parsed, plan, storedCount: stored.length };
}

/** The dry run as the page shows it: what each row would do and who would be removed, without the values to write. */
export function rosterPreviewOf(fileName: string, { parsed, plan, storedCount }: PlannedRosterFile): HrImportPreview {
  return {
    fileName,
    encoding: parsed.encoding,
    rowCount: parsed.rows.length,
    storedCount,
    counts: plan.counts,
    fileIssues: parsed.fileIssues,
    warnings: parsed.warnings,
    headings: parsed.headings,
    rows: plan.rows.map(({ row, employeeNumber, name, action, changes, errors }) => ({ row, employeeNumber, name, action, changes, errors })),
    removed: plan.removed.map(({ employeeNumber, name, department, employmentStatus }) => ({ employeeNumber, name, department, employmentStatus })),
  };
}
