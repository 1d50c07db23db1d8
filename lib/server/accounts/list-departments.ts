import "server-only";
import { authorize } from "../authorize";
import { db } from "../db";

/** The organization's departments, for filters and forms. */
export async function listDepartments() {
  const actor = await authorize("accounts", "view");
  const prisma = await db();
  return prisma.department.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { code: "asc" },
    select: { id: true, name: true },
  });
}
