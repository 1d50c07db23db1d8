"use server";
// The custom role edit form.
import { updateRoleSchema } from "@/lib/schemas/roles";
import { action } from "@/lib/server/action";
import { updateRole } from "@/lib/server/roles/update-role";

export const updateRoleAction = action(updateRoleSchema, updateRole);
