import "server-only";
import { requestLineSettingsChangeSchema, type RequestLineSettingsChangeInput } from "@/lib/schemas/lines";
import { authorize } from "../authorize";
import { fileChangeRequest } from "../requests/file-change-request";
import { parseOrThrow } from "../requests/request-kind";

/** lines:request files the line settings form as a change request for someone with lines:manage to approve. */
export async function requestLineSettingsChange(input: RequestLineSettingsChangeInput) {
  await authorize("lines", "request");
  const { id, reason, ...settings } = parseOrThrow(requestLineSettingsChangeSchema, input);
  return fileChangeRequest({ kind: "line_settings", targetId: id, payload: settings, reason });
}
