import "server-only";
import type { Tx } from "../db";
import { AppError } from "../errors";

/**
 * One person, one OCN ID: no other account that is not disabled may hold the same employee number or mail address.
 * Checked here for a message that names the field; partial unique indexes hold the line under concurrency.
 */
export async function assertOnePersonOneId(tx: Tx, { organizationId, email, employeeNumber, exceptAccountId }: { organizationId: string; email: string; employeeNumber: string | null | undefined; exceptAccountId?: string }) {
  const others = await tx.account.findMany({
    where: {
      organizationId,
      status: { not: "disabled" },
      ...(exceptAccountId ? { id: { not: exceptAccountId } } : {}),
      OR: [{ email: { equals: email, mode: "insensitive" } }, ...(employeeNumber ? [{ employeeNumber }] : [])],
    },
    select: { loginId: true, email: true, employeeNumber: true },
    take: 2,
  });
  const sameNumber = employeeNumber ? others.find((o) => o.employeeNumber === employeeNumber) : undefined;
  if (sameNumber) throw new AppError("conflict", `Employee number ${employeeNumber} already belongs to ${sameNumber.loginId}.`, "employeeNumber", "employee_number_taken");
  const sameMail = others.find((o) => o.email.toLowerCase() === email.toLowerCase());
  if (sameMail) throw new AppError("conflict", `The mail address ${email} already belongs to ${sameMail.loginId}.`, "email", "email_taken");
}

/** A unique index refused the write (a concurrent change got there first): the same message as the check. */
export function isUniqueViolation(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${JSON.stringify((e as { meta?: unknown }).meta ?? {})}` : "";
  return (e as { code?: string })?.code === "P2002" || /unique constraint|23505|accounts_one_live|login_id_key/i.test(text);
}
