"use server";
// My Page: the member's own password.
import { action } from "@/lib/server/action";
import { changeMyPassword, changeMyPasswordSchema } from "@/lib/server/me/change-my-password";

export const changeMyPasswordAction = action(changeMyPasswordSchema, changeMyPassword);
