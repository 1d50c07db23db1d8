import "server-only";
import { updateLineSettingsSchema, type UpdateLineSettingsInput } from "@/lib/schemas/lines";
import { authorize } from "../authorize";
import { changeDirectly } from "../requests/apply-change";
import { parseOrThrow } from "../requests/request-kind";
import { lineSettingsKind } from "./line-settings-kind";

/** lines:manage changes a line's plan, allowance, roaming and cost center at once; audited as line.settings_changed. */
export async function updateLineSettings(input: UpdateLineSettingsInput) {
  const actor = await authorize("lines", "manage");
  const { id, reason, ...settings } = parseOrThrow(updateLineSettingsSchema, input);
  return changeDirectly(actor, lineSettingsKind, id, settings, reason ?? null);
}
