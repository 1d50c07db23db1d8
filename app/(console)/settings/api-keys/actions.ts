"use server";
// The API keys page's form posts: create a key (shown once) and revoke one.
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/schemas/api-keys";
import { action } from "@/lib/server/action";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/server/api-keys/revoke-api-key";

export const createApiKeyAction = action(createApiKeySchema, createApiKey);
export const revokeApiKeyAction = action(revokeApiKeySchema, revokeApiKey);
