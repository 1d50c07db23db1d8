import "server-only";
import { auditEventIdSchema } from "@/lib/schemas/audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { AUDIT_EVENT_COLUMNS, type AuditEventRow } from "./audit-event-query";
import type { AuditEventView } from "./list-audit-events";

/** One event of the caller's organization with every field; another organization's id (or a malformed one) is not found. */
export async function getAuditEventOrThrow(input: { id: string }): Promise<AuditEventView> {
  const actor = await authorize("audit", "view");
  const parsed = auditEventIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such audit event.");
  const prisma = await db();
  const [row] = await prisma.$queryRaw<AuditEventRow[]>`SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events
    WHERE organization_id = ${actor.organizationId}::uuid AND id = ${BigInt(parsed.data.id)}`;
  if (!row) throw new AppError("not_found", "No such audit event.");
  return { ...row, id: String(row.id) };
}
