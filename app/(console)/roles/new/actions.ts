"use server";
// The new custom role form.
import { createRoleSchema } from "@/lib/schemas/roles";
import { action } from "@/lib/server/action";
import { createRole } from "@/lib/server/roles/create-role";

export const createRoleAction = action(createRoleSchema, createRole);
