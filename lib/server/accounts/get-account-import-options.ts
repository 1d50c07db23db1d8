import "server-only";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/policy/account-csv";
import { authorize } from "../authorize";
import { db } from "../db";

/** What the import page tells before an upload: the limits, and the department codes and roles a file may name. */
export async function getAccountImportOptions() {
  const actor = await authorize("accounts", "manage");
  const prisma = await db();
  const [departments, roles] = await Promise.all([
    prisma.department.findMany({ where: { organizationId: actor.organizationId }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
    prisma.role.findMany({ where: { organizationId: actor.organizationId }, orderBy: [{ builtIn: "desc" }, { name: "asc" }], select: { key: true, name: true } }),
  ]);
  return { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS, departments, roles };
}
