import "server-only";
import { randomUUID } from "node:crypto";
import type { PlannedRow } from "@/lib/policy/account-import-plan";
import type { AccountImportFile, AccountImportOutcome, ProgressListener } from "@/lib/schemas/account-import";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { deliver } from "../mail/mailer";
import { parseImportFile, planImportFile, previewOf, type ImportFile } from "./account-import-facts";
import { issueInvitation } from "./issue-invitation";
import { isUniqueViolation } from "./one-person-one-id";

const BATCH = 500;
const MAIL_BATCH = 50;

/** The row the database refused, or an account that changed between the dry run and the write. */
class WriteRace extends Error {}

/**
 * Applies an accounts CSV all or nothing. The dry run is done again here on the same bytes (the page's copy is never
 * trusted); any row with an error refuses the whole file. New accounts are invited (their roles granted with the
 * file's end time), changed ones updated, each with its audit event, in one transaction with the import's record.
 */
export async function applyAccountImport(input: AccountImportFile, progress: ProgressListener = () => {}): Promise<AccountImportOutcome> {
  const actor = await authorize("accounts", "manage");
  const file = parseImportFile(input);
  const prisma = await db();
  const { parsed, plan } = await planImportFile(prisma, actor, file, progress);
  if (parsed.fileIssues.length > 0 || plan.counts.error > 0) return { status: "refused", preview: previewOf(file.fileName, parsed, plan) };

  const writes = plan.rows.filter((r) => r.create || r.update);
  const summary = {
    fileName: file.fileName,
    encoding: parsed.encoding,
    rowCount: parsed.rows.length,
    created: plan.counts.create,
    updated: plan.counts.update,
    unchanged: plan.counts.unchanged,
  };
  if (writes.length === 0) return { status: "applied", summary: { importId: null, ...summary } };

  let result: { importId: string; mailIds: string[] };
  try {
    result = await prisma.$transaction((tx) => writeImport(tx, actor, file, summary, writes, progress), {
      maxWait: 15_000,
      // A large file is thousands of statements in one transaction: allow for it, but not forever.
      timeout: Math.min(60 * 60_000, 120_000 + writes.length * 150),
    });
  } catch (e) {
    if ((e as { code?: string })?.code === "P2028") {
      // Prisma's transaction errors: one could not start in time (another long write holds the database), or this one ran out of time.
      if (/start a transaction/i.test((e as Error).message)) {
        throw new AppError("unavailable", "Another large change is being written right now; nothing was changed. Try again in a moment.", undefined, "import_busy");
      }
      throw new AppError("unavailable", "Writing the file took too long, so nothing was changed. Split it into smaller files.", undefined, "import_timeout");
    }
    if (!(e instanceof WriteRace) && !isUniqueViolation(e) && !isForeignKeyViolation(e)) throw e;
    // Someone changed the same accounts meanwhile: nothing was written; the dry run again says what is now wrong.
    const again = await planImportFile(prisma, actor, file);
    if (again.plan.counts.error > 0) return { status: "refused", preview: previewOf(file.fileName, again.parsed, again.plan) };
    throw new AppError("conflict", "The accounts changed while the file was being applied; nothing was written. Run the dry run again.", undefined, "import_race");
  }

  for (let i = 0; i < result.mailIds.length; i += MAIL_BATCH) {
    progress({ phase: "mail", done: i, total: result.mailIds.length });
    await deliver(result.mailIds.slice(i, i + MAIL_BATCH));
  }
  progress({ phase: "mail", done: result.mailIds.length, total: result.mailIds.length });
  return { status: "applied", summary: { importId: result.importId, ...summary } };
}

async function writeImport(
  tx: Tx,
  actor: Actor,
  file: ImportFile,
  summary: { encoding: string | null; rowCount: number; created: number; updated: number; unchanged: number },
  writes: PlannedRow[],
  progress: ProgressListener,
): Promise<{ importId: string; mailIds: string[] }> {
  const now = new Date();
  const organizationId = actor.organizationId;
  const reason = `CSV import ${file.fileName}`;
  const base = { organizationId, actorId: actor.accountId, actorLabel: actor.loginId, outcome: "success" as const, ip: actor.ip, occurredAt: now };
  const record = await tx.accountImport.create({
    data: {
      organizationId,
      importedById: actor.accountId,
      fileName: file.fileName,
      encoding: summary.encoding ?? "unknown",
      rowCount: summary.rowCount,
      createdCount: summary.created,
      updatedCount: summary.updated,
      createdAt: now,
    },
    select: { id: true },
  });
  const via = { via: "csv_import", importId: record.id };
  const roles = new Map((await tx.role.findMany({ where: { organizationId }, select: { id: true, key: true, name: true } })).map((r) => [r.id, r.key ?? r.name]));
  const departments = new Map((await tx.department.findMany({ where: { organizationId }, select: { id: true, code: true } })).map((d) => [d.id, d.code]));
  const mailIds: string[] = [];
  let done = 0;
  const step = Math.max(1, Math.floor(writes.length / 200));
  const advance = () => {
    done += 1;
    if (done % step === 0 || done === writes.length) progress({ phase: "write", done, total: writes.length });
  };
  progress({ phase: "write", done: 0, total: writes.length });

  // New accounts and their grants go in batches (one statement per batch); each still gets its audit event and invitation.
  const creates = writes.flatMap((r) => (r.create ? [{ row: r.row, id: randomUUID(), ...r.create }] : []));
  for (let i = 0; i < creates.length; i += BATCH) {
    const batch = creates.slice(i, i + BATCH);
    await tx.account.createMany({
      data: batch.map((c) => ({
        id: c.id,
        organizationId,
        loginId: c.loginId,
        email: c.email,
        displayName: c.displayName,
        nameKana: c.nameKana,
        employeeNumber: c.employeeNumber,
        departmentId: c.departmentId,
        kind: c.kind,
        contractorCompany: c.contractorCompany,
        status: "invited" as const,
        createdAt: now,
      })),
    });
    const grants = batch.flatMap((c) => c.roleIds.map((roleId) => ({ organizationId, accountId: c.id, roleId, grantedById: actor.accountId, reason, startsAt: now, endsAt: c.grantEndsAt, createdAt: now })));
    if (grants.length > 0) await tx.roleGrant.createMany({ data: grants });
    for (const c of batch) {
      await recordAudit(tx, {
        ...base,
        action: "account.invited",
        targetType: "account",
        targetId: c.id,
        targetLabel: c.loginId,
        reason,
        details: {
          before: null,
          after: {
            status: "invited",
            email: c.email,
            displayName: c.displayName,
            nameKana: c.nameKana,
            employeeNumber: c.employeeNumber,
            department: c.departmentId ? (departments.get(c.departmentId) ?? null) : null,
            kind: c.kind,
            contractorCompany: c.contractorCompany,
            // The grants this import made, with their end: the audit trail of who gave which role.
            roles: c.roleIds.map((id) => roles.get(id) ?? id),
            grantEndsAt: c.grantEndsAt?.toISOString() ?? null,
            grantedById: c.roleIds.length > 0 ? actor.accountId : null,
          },
          row: c.row,
          ...via,
        },
      });
      const account = { id: c.id, organizationId, loginId: c.loginId, email: c.email, displayName: c.displayName };
      const { mailId } = await issueInvitation(tx, account, { invitedById: actor.accountId, organizationName: actor.organizationName, now });
      mailIds.push(mailId);
      advance();
    }
  }

  for (const row of writes) {
    if (!row.update) continue;
    const { accountId, data, before } = row.update;
    // Scoped to the organization and to accounts still not disabled: one that changed since the dry run is a race.
    const { count } = await tx.account.updateMany({ where: { id: accountId, organizationId, status: { not: "disabled" } }, data });
    if (count !== 1) throw new WriteRace(`row ${row.row}`);
    await recordAudit(tx, {
      ...base,
      action: "account.updated",
      targetType: "account",
      targetId: accountId,
      targetLabel: row.loginId,
      reason,
      details: { before, after: data, row: row.row, ...via },
    });
    advance();
  }

  await recordAudit(tx, {
    ...base,
    action: "account.import",
    targetType: "account_import",
    targetId: record.id,
    targetLabel: file.fileName,
    details: { fileName: file.fileName, encoding: summary.encoding, rowCount: summary.rowCount, created: summary.created, updated: summary.updated, unchanged: summary.unchanged },
  });
  return { importId: record.id, mailIds };
}

function isForeignKeyViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === "P2003" || /foreign key|23503/i.test(e instanceof Error ? e.message : "");
}
