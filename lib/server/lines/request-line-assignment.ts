import "server-only";
import { requestLineAssignmentSchema, type RequestLineAssignmentInput } from "@/lib/schemas/lines";
import { authorize } from "../authorize";
import { fileChangeRequest } from "../requests/file-change-request";
import { parseOrThrow } from "../requests/request-kind";

/** lines:request files an assignment (or unassignment) for someone else with lines:manage to approve. */
export async function requestLineAssignment(input: RequestLineAssignmentInput) {
  await authorize("lines", "request");
  const { id, reason, holderLoginId } = parseOrThrow(requestLineAssignmentSchema, input);
  return fileChangeRequest({ kind: "line_assignment", targetId: id, payload: { holderLoginId }, reason });
}
