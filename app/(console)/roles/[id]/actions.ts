"use server";
// A custom role's detail page: delete it.
import { roleIdSchema } from "@/lib/schemas/roles";
import { action } from "@/lib/server/action";
import { deleteRole } from "@/lib/server/roles/delete-role";

export const deleteRoleAction = action(roleIdSchema, deleteRole);
