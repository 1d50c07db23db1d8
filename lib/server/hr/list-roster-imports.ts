import "server-only";
import { authorize } from "../authorize";
import { db } from "../db";

export interface RosterImportEntry {
  id: string;
  createdAt: Date;
  fileName: string;
  encoding: string;
  rowCount: number;
  createdCount: number;
  updatedCount: number;
  removedCount: number;
  /** Who imported it (null when that account is gone or the import came from the system). */
  importedBy: { id: string; loginId: string; displayName: string } | null;
}

const SHOWN = 20;

/** The roster's import history, newest first: when, who, which file, its encoding and what it changed. */
export async function listRosterImports(): Promise<{ imports: RosterImportEntry[]; total: number }> {
  const actor = await authorize("reviews", "view");
  const prisma = await db();
  const where = { organizationId: actor.organizationId };
  const [rows, total] = await Promise.all([
    prisma.hrImport.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: SHOWN,
      select: { id: true, createdAt: true, fileName: true, encoding: true, rowCount: true, createdCount: true, updatedCount: true, removedCount: true, importedById: true },
    }),
    prisma.hrImport.count({ where }),
  ]);
  const ids = [...new Set(rows.flatMap((r) => (r.importedById ? [r.importedById] : [])))];
  const people = ids.length > 0 ? await prisma.account.findMany({ where: { ...where, id: { in: ids } }, select: { id: true, loginId: true, displayName: true } }) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    imports: rows.map(({ importedById, ...r }) => ({ ...r, importedBy: importedById ? (byId.get(importedById) ?? null) : null })),
    total,
  };
}
