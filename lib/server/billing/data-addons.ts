import "server-only";
import { addDataAddonSchema, requestDataAddonSchema, type AddDataAddonInput, type RequestDataAddonInput } from "@/lib/schemas/billing";
import { authorize } from "../authorize";
import { changeDirectly } from "../requests/apply-change";
import { fileChangeRequest } from "../requests/file-change-request";
import { parseOrThrow } from "../requests/request-kind";
import { dataAddonKind } from "./data-addon-kind";

/** lines:manage adds extra data to a line at once; audited as line.data_added, billed on this month's statement. */
export async function addDataAddon(input: AddDataAddonInput) {
  const actor = await authorize("lines", "manage");
  const { lineId, reason, gb } = parseOrThrow(addDataAddonSchema, input);
  return changeDirectly(actor, dataAddonKind, lineId, { gb }, reason ?? null);
}

/** The line's own user (or lines:request) asks for extra data; someone with lines:manage approves it. */
export async function requestDataAddon(input: RequestDataAddonInput) {
  await authorize();
  const { lineId, reason, gb } = parseOrThrow(requestDataAddonSchema, input);
  return fileChangeRequest({ kind: "line_data_addon", targetId: lineId, payload: { gb }, reason });
}
