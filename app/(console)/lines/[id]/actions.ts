"use server";
// The line page's settings form: lines:manage changes them at once, lines:request files a change request.
import { revalidatePath } from "next/cache";
import { requestLineSettingsChangeSchema, updateLineSettingsSchema } from "@/lib/schemas/lines";
import { action } from "@/lib/server/action";
import { requestLineSettingsChange } from "@/lib/server/lines/request-line-settings-change";
import { updateLineSettings } from "@/lib/server/lines/update-line-settings";

export const updateLineSettingsAction = action(updateLineSettingsSchema, async (input) => {
  const { changed } = await updateLineSettings(input);
  revalidatePath(`/lines/${input.id}`);
  return { changed };
});

export const requestLineSettingsChangeAction = action(requestLineSettingsChangeSchema, async (input) => {
  const { id } = await requestLineSettingsChange(input);
  revalidatePath(`/lines/${input.id}`);
  return { id };
});
