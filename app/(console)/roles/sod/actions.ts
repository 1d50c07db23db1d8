"use server";
// The separation-of-duty rules screen: add, edit and delete rules, and how grants into a conflict are handled.
import { createSodRuleSchema, sodRuleIdSchema, updateSodRuleSchema, updateSodSettingsSchema } from "@/lib/schemas/roles";
import { action } from "@/lib/server/action";
import { createSodRule } from "@/lib/server/sod/create-sod-rule";
import { deleteSodRule } from "@/lib/server/sod/delete-sod-rule";
import { updateSodRule } from "@/lib/server/sod/update-sod-rule";
import { updateSodSettings } from "@/lib/server/sod/update-sod-settings";

export const createSodRuleAction = action(createSodRuleSchema, createSodRule);
export const updateSodRuleAction = action(updateSodRuleSchema, updateSodRule);
export const deleteSodRuleAction = action(sodRuleIdSchema, deleteSodRule);
export const updateSodSettingsAction = action(updateSodSettingsSchema, updateSodSettings);
