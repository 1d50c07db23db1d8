import "server-only";
import { assignLineSchema, type AssignLineInput } from "@/lib/schemas/lines";
import { authorize } from "../authorize";
import { changeDirectly } from "../requests/apply-change";
import { parseOrThrow } from "../requests/request-kind";
import { lineAssignmentKind } from "./line-assignment-kind";

/** lines:manage gives a line to an active account of the organization, moves it, or takes it back; audited as line.assigned / line.unassigned. */
export async function assignLine(input: AssignLineInput) {
  const actor = await authorize("lines", "manage");
  const { id, reason, holderLoginId } = parseOrThrow(assignLineSchema, input);
  return changeDirectly(actor, lineAssignmentKind, id, { holderLoginId }, reason ?? null);
}
