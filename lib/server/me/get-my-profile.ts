import "server-only";
import { authorize } from "../authorize";
import { db } from "../db";

/** The signed-in person's own account: every member may see it, nobody else's. */
export async function getMyProfile() {
  const actor = await authorize();
  const prisma = await db();
  return prisma.account.findFirstOrThrow({
    where: { id: actor.accountId, organizationId: actor.organizationId },
    select: {
      displayName: true,
      nameKana: true,
      loginId: true,
      email: true,
      employeeNumber: true,
      lastSignInAt: true,
      department: { select: { name: true } },
      organization: { select: { name: true, customerNumber: true } },
    },
  });
}
