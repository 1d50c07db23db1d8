import "server-only";
import { db } from "../db";
import { authorizeOffboardingReader } from "./read-access";

export interface CaseProposal {
  accountId: string;
  loginId: string;
  displayName: string;
  employeeNumber: string;
  rosterName: string;
  terminationDate: Date | null;
}

/**
 * The HR roster (hr_roster_records, one row per employee number, replaced by each roster import) says these people
 * have left, yet their OCN IDs still work and no case is open: each is a proposed offboarding case for HR to start.
 */
export async function listProposedCases(): Promise<CaseProposal[]> {
  const actor = await authorizeOffboardingReader();
  const prisma = await db();
  const terminated = await prisma.hrRosterRecord.findMany({
    where: { organizationId: actor.organizationId, employmentStatus: "terminated" },
    select: { employeeNumber: true, name: true, terminationDate: true },
    take: 1000,
  });
  if (terminated.length === 0) return [];
  const accounts = await prisma.account.findMany({
    where: {
      organizationId: actor.organizationId,
      employeeNumber: { in: terminated.map((r) => r.employeeNumber) },
      status: { not: "disabled" },
      accessEndsAt: null,
      offboardingCases: { none: { status: { in: ["scheduled", "in_progress"] } } },
    },
    select: { id: true, loginId: true, displayName: true, employeeNumber: true },
    orderBy: { loginId: "asc" },
  });
  const byNumber = new Map(terminated.map((r) => [r.employeeNumber, r]));
  return accounts.map((a) => {
    const r = byNumber.get(a.employeeNumber!)!;
    return { accountId: a.id, loginId: a.loginId, displayName: a.displayName, employeeNumber: a.employeeNumber!, rosterName: r.name, terminationDate: r.terminationDate };
  });
}
