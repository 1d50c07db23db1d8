"use server";
// The sign-in policies page's form posts: lockout, password and session policy.
import { updateLockoutPolicySchema, updatePasswordPolicySchema, updateSessionPolicySchema } from "@/lib/schemas/policies";
import { action } from "@/lib/server/action";
import { updateLockoutPolicy } from "@/lib/server/policies/update-lockout-policy";
import { updatePasswordPolicy } from "@/lib/server/policies/update-password-policy";
import { updateSessionPolicy } from "@/lib/server/policies/update-session-policy";

export const updateLockoutPolicyAction = action(updateLockoutPolicySchema, updateLockoutPolicy);
export const updatePasswordPolicyAction = action(updatePasswordPolicySchema, updatePasswordPolicy);
export const updateSessionPolicyAction = action(updateSessionPolicySchema, updateSessionPolicy);
