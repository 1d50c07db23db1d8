"use server";
// The line page's forms: settings and holder (lines:manage at once, lines:request as a change request) and the
// state changes (lines:manage).
import { revalidatePath } from "next/cache";
import {
  assignLineSchema,
  changeLineStateSchema,
  requestLineAssignmentSchema,
  requestLineSettingsChangeSchema,
  updateLineSettingsSchema,
} from "@/lib/schemas/lines";
import { action } from "@/lib/server/action";
import { assignLine } from "@/lib/server/lines/assign-line";
import { changeLineState } from "@/lib/server/lines/change-line-state";
import { requestLineAssignment } from "@/lib/server/lines/request-line-assignment";
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

export const assignLineAction = action(assignLineSchema, async (input) => {
  const { changed } = await assignLine(input);
  revalidatePath(`/lines/${input.id}`);
  return { changed };
});

export const requestLineAssignmentAction = action(requestLineAssignmentSchema, async (input) => {
  const { id } = await requestLineAssignment(input);
  revalidatePath(`/lines/${input.id}`);
  return { id };
});

export const changeLineStateAction = action(changeLineStateSchema, async (input) => {
  const { change } = await changeLineState(input);
  revalidatePath(`/lines/${input.id}`);
  return { change };
});
