"use server";
// The IP allowlist page's form posts: add and revoke entries, switch enforcement and scope.
import { addAllowlistEntrySchema, revokeAllowlistEntrySchema, updateNetworkPolicySchema } from "@/lib/schemas/network";
import { action } from "@/lib/server/action";
import { addAllowlistEntry } from "@/lib/server/network/add-allowlist-entry";
import { revokeAllowlistEntry } from "@/lib/server/network/revoke-allowlist-entry";
import { updateNetworkPolicy } from "@/lib/server/network/update-network-policy";

export const addAllowlistEntryAction = action(addAllowlistEntrySchema, addAllowlistEntry);
export const revokeAllowlistEntryAction = action(revokeAllowlistEntrySchema, revokeAllowlistEntry);
export const updateNetworkPolicyAction = action(updateNetworkPolicySchema, updateNetworkPolicy);
