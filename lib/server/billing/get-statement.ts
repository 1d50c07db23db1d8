import "server-only";
import { monthKeyOf } from "@/lib/policy/billing";
import { monthParamSchema } from "@/lib/schemas/billing";
import { authorize, type Actor } from "../authorize";
import { db, type Db } from "../db";
import { AppError } from "../errors";
import { allocateByCostCenter, computeStatement, currentPaymentLabel, readIssuedStatement, type StatementView } from "./statements";

/**
 * A month's statement: the issued one, or for the current month the running estimate; not_found otherwise. Read from
 * `prisma` when given (an export passes the replica), else from the primary.
 */
export async function statementFor(actor: Actor, input: { month: string }, prisma?: Db): Promise<StatementView> {
  const parsed = monthParamSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", `No statement for "${String(input.month).slice(0, 20)}": a month is written YYYY-MM.`);
  const { month } = parsed.data;
  return (prisma ?? (await db())).$transaction(async (tx) => {
    const issued = await readIssuedStatement(tx, actor.organizationId, month);
    if (issued) return issued;
    if (month !== monthKeyOf(new Date())) throw new AppError("not_found", `There is no statement for ${month}.`);
    const estimate = await computeStatement(tx, actor.organizationId, month);
    return { ...estimate, issued: false, issuedAt: null, paymentMethodLabel: await currentPaymentLabel(tx, actor.organizationId) };
  });
}

/** One month's statement page: its lines and the allocation by cost center (費用負担部署). */
export async function getStatement(input: { month: string }) {
  const actor = await authorize("billing", "view");
  const statement = await statementFor(actor, input);
  return { statement, allocation: allocateByCostCenter(statement.lines), organizationName: actor.organizationName };
}
