import "server-only";
// Who holds a line, as a kind of change request: lines:request files it, lines:manage approves or changes it at once.
import { isFinished, type LineStatusValue } from "@/lib/policy/lines";
import { lineAssignmentSchema, type LineAssignment } from "@/lib/schemas/lines";
import { uuid } from "@/lib/schemas/requests";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { defineKind } from "../requests/request-kind";
import { activeHolderOrThrow } from "./line-holder";

async function lineOf(tx: Tx, organizationId: string, targetId: string) {
  if (!uuid.safeParse(targetId).success) return null;
  return tx.line.findFirst({
    where: { id: targetId, organizationId },
    select: { phoneNumber: true, status: true, assignedAccountId: true, assignedAccount: { select: { loginId: true } } },
  });
}

export const lineAssignmentKind = defineKind<LineAssignment>({
  kind: "line_assignment",
  domain: "lines",
  targetType: "line",
  noun: "line",
  changedAction: "line.assigned",
  actionFor: (changes) => (changes.some((c) => c.field === "holder" && c.after === null) ? "line.unassigned" : "line.assigned"),
  schema: lineAssignmentSchema,
  async loadCurrent(tx, organizationId, targetId) {
    const line = await lineOf(tx, organizationId, targetId);
    if (!line) return null;
    return { label: line.phoneNumber, values: { holder: line.assignedAccount?.loginId ?? null } };
  },
  async validate(tx, { organizationId, targetId, payload }) {
    const line = await lineOf(tx, organizationId, targetId);
    if (line && isFinished(line.status as LineStatusValue)) {
      throw new AppError("invalid", `The line ${line.phoneNumber} is ${line.status.replace("_", " ")}; it can no longer be assigned.`, "holderLoginId", "line_finished");
    }
    if (payload.holderLoginId !== null) await activeHolderOrThrow(tx, organizationId, { loginId: payload.holderLoginId }, "holderLoginId");
    return payload;
  },
  proposed: (payload) => ({ holder: payload.holderLoginId }),
  async apply(tx, { organizationId, targetId, payload, changes }) {
    const holder = payload.holderLoginId === null ? null : await activeHolderOrThrow(tx, organizationId, { loginId: payload.holderLoginId }, "holderLoginId");
    const before = changes.find((c) => c.field === "holder")?.before ?? null;
    // Written only where the line still has the holder the change was judged against.
    const { count } = await tx.line.updateMany({
      where: { id: targetId, organizationId, status: { notIn: ["cancelled", "ported_out"] }, ...(before === null ? { assignedAccountId: null } : { assignedAccount: { loginId: String(before) } }) },
      data: { assignedAccountId: holder?.id ?? null },
    });
    if (count !== 1) throw new AppError("conflict", "The line was changed by someone else meanwhile. Reload it and try again.");
  },
  href: (targetId) => `/lines/${targetId}`,
});
